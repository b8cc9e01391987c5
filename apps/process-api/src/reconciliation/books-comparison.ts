/** Kinds of disagreement a reconciliation reports. */
export const DISCREPANCY_KINDS = [
  'missing_in_erp',
  'amount_differs',
  'duplicate_in_erp',
  'not_in_lanegate',
  'delivered_not_invoiced',
] as const;

export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

export interface Discrepancy {
  readonly kind: DiscrepancyKind;
  readonly shipmentId: string | null;
  /** Lanegate's document id (the ERP's external reference), when one is involved. */
  readonly documentId: string | null;
  readonly erpDocumentNumbers: readonly string[];
  readonly lanegateTotalCents: number | null;
  readonly erpTotalCents: number | null;
  /** What disagrees, for people. */
  readonly detail: string;
}

/** A document Lanegate recorded as posted in the range. */
export interface LanegatePosting {
  readonly id: string;
  readonly shipmentId: string;
  readonly erpDocumentNumber: string;
  readonly totalCents: number;
}

/** A document the ERP says it posted in the range. */
export interface ErpPosting {
  readonly documentNumber: string;
  readonly type: 'invoice' | 'credit_memo';
  readonly externalReference: string;
  readonly totalCents: number;
  readonly creditsDocumentNumber?: string;
}

/** A shipment delivered in the range, and whether any invoice of it was ever posted. */
export interface DeliveredShipment {
  readonly shipmentId: string;
  readonly deliveredAt: Date;
  readonly invoiced: boolean;
}

export interface BooksComparisonInput {
  readonly lanegate: readonly LanegatePosting[];
  readonly erp: readonly ErpPosting[];
  /** Every Lanegate document id among the ERP's external references, whatever its posting date, with its shipment. */
  readonly knownReferences: ReadonlyMap<string, string>;
  readonly delivered: readonly DeliveredShipment[];
  readonly now: Date;
  readonly uninvoicedAfterHours: number;
}

const LANEGATE_REFERENCE = /^(?:INV|CM)-(SHP-.+?)-v\d+/;
const HOUR_MS = 3_600_000;

/**
 * Compares three books over one range: what was delivered, what Lanegate posted and what the ERP holds.
 * - `missing_in_erp`: Lanegate recorded a posting the ERP does not list.
 * - `amount_differs`: both hold the document, with different totals.
 * - `duplicate_in_erp`: the ERP holds one external reference twice, or more than one invoice of a shipment that no
 *   credit memo reverses.
 * - `not_in_lanegate`: the ERP holds a document that names a Lanegate shipment but is none of Lanegate's.
 * - `delivered_not_invoiced`: delivered more than the configured hours ago and never invoiced.
 */
export function compareBooks(input: BooksComparisonInput): Discrepancy[] {
  return [...lanegateAgainstErp(input), ...erpDuplicates(input), ...unknownToLanegate(input), ...uninvoiced(input)];
}

function lanegateAgainstErp(input: BooksComparisonInput): Discrepancy[] {
  const byReference = new Map<string, ErpPosting>();
  for (const document of input.erp) {
    byReference.set(document.externalReference, document);
  }

  return input.lanegate.flatMap((posting): Discrepancy[] => {
    const held = byReference.get(posting.id);
    if (held === undefined) {
      return [
        {
          kind: 'missing_in_erp',
          shipmentId: posting.shipmentId,
          documentId: posting.id,
          erpDocumentNumbers: [posting.erpDocumentNumber],
          lanegateTotalCents: posting.totalCents,
          erpTotalCents: null,
          detail: `${posting.id} was posted as ${posting.erpDocumentNumber}, which the ERP does not list.`,
        },
      ];
    }
    if (held.totalCents !== posting.totalCents) {
      return [
        {
          kind: 'amount_differs',
          shipmentId: posting.shipmentId,
          documentId: posting.id,
          erpDocumentNumbers: [held.documentNumber],
          lanegateTotalCents: posting.totalCents,
          erpTotalCents: held.totalCents,
          detail: `${posting.id} totals ${posting.totalCents} cents in Lanegate and ${held.totalCents} in the ERP.`,
        },
      ];
    }

    return [];
  });
}

function erpDuplicates(input: BooksComparisonInput): Discrepancy[] {
  const found: Discrepancy[] = [];
  const byReference = groupBy(input.erp, (document) => document.externalReference);
  for (const [reference, documents] of byReference) {
    if (documents.length > 1) {
      found.push(duplicate(shipmentOf(reference, input), reference, documents, 'holds the external reference'));
    }
  }

  const credited = new Set(input.erp.flatMap((document) => document.creditsDocumentNumber ?? []));
  const standing = input.erp.filter(
    (document) => document.type === 'invoice' && !credited.has(document.documentNumber),
  );
  const byShipment = groupBy(standing, (document) => shipmentOf(document.externalReference, input) ?? '');
  for (const [shipmentId, documents] of byShipment) {
    const references = new Set(documents.map((document) => document.externalReference));
    if (shipmentId !== '' && references.size > 1) {
      found.push(duplicate(shipmentId, null, documents, `holds ${references.size} invoices, none credited, of`));
    }
  }

  return found;
}

function unknownToLanegate(input: BooksComparisonInput): Discrepancy[] {
  return input.erp
    .filter((document) => !input.knownReferences.has(document.externalReference))
    .flatMap((document): Discrepancy[] => {
      const shipmentId = LANEGATE_REFERENCE.exec(document.externalReference)?.[1];

      return shipmentId === undefined
        ? []
        : [
            {
              kind: 'not_in_lanegate',
              shipmentId,
              documentId: null,
              erpDocumentNumbers: [document.documentNumber],
              lanegateTotalCents: null,
              erpTotalCents: document.totalCents,
              detail:
                `The ERP holds ${document.documentNumber} (${document.externalReference}) for shipment ` +
                `${shipmentId}, which Lanegate never posted.`,
            },
          ];
    });
}

function uninvoiced(input: BooksComparisonInput): Discrepancy[] {
  const limitMs = input.uninvoicedAfterHours * HOUR_MS;

  return input.delivered
    .filter((shipment) => !shipment.invoiced && input.now.getTime() - shipment.deliveredAt.getTime() > limitMs)
    .map((shipment) => ({
      kind: 'delivered_not_invoiced',
      shipmentId: shipment.shipmentId,
      documentId: null,
      erpDocumentNumbers: [],
      lanegateTotalCents: null,
      erpTotalCents: null,
      detail:
        `Delivered at ${shipment.deliveredAt.toISOString()}, more than ${input.uninvoicedAfterHours} h ago, ` +
        'and not invoiced.',
    }));
}

function duplicate(
  shipmentId: string | null,
  reference: string | null,
  documents: readonly ErpPosting[],
  what: string,
): Discrepancy {
  const numbers = documents.map((document) => document.documentNumber);

  return {
    kind: 'duplicate_in_erp',
    shipmentId,
    documentId: reference,
    erpDocumentNumbers: numbers,
    lanegateTotalCents: null,
    erpTotalCents: documents.reduce((sum, document) => sum + document.totalCents, 0),
    detail: `The ERP ${what} ${reference ?? `shipment ${shipmentId ?? ''}`}: ${numbers.join(', ')}.`,
  };
}

/** The shipment a document belongs to: Lanegate's own record of it first, its reference's pattern otherwise. */
function shipmentOf(reference: string, input: BooksComparisonInput): string | null {
  return input.knownReferences.get(reference) ?? LANEGATE_REFERENCE.exec(reference)?.[1] ?? null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  }

  return groups;
}
