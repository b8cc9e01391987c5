import { type DataSource, IsNull, Not } from 'typeorm';

import { InvoiceEntity } from './invoice.entity.js';
import { ShipmentBillingEntity } from './shipment-billing.entity.js';

/** A document of the shipment the ERP rejected and that has not been posted since. */
export interface RejectedDocument {
  readonly invoiceId: string;
  readonly kind: string;
  readonly code: string;
  readonly detail: string;
  readonly rejectedAt: Date;
}

/**
 * Why a shipment's billing is not in the ledger: documents the ERP rejected, or billing giving up after its retries.
 * The alert policy and the operations overview both read this one rule, so the dashboard's count and the
 * `posting_failed` alerts always name the same shipments.
 */
export interface PostingFailure {
  readonly shipmentId: string;
  /** Oldest first. */
  readonly rejected: readonly RejectedDocument[];
  /** The dead letter's reason when billing gave up after its retries; cleared by the next posting. */
  readonly gaveUp: { readonly reason: string; readonly at: Date } | null;
}

/** Shipments with a rejected document, or whose billing gave up after its retries, in no particular order. */
export async function readPostingFailures(dataSource: DataSource): Promise<PostingFailure[]> {
  const manager = dataSource.manager;
  const [rejected, gaveUp] = await Promise.all([
    manager.find(InvoiceEntity, { where: { status: 'rejected' }, order: { createdAt: 'ASC', id: 'ASC' } }),
    manager.find(ShipmentBillingEntity, {
      select: { shipmentId: true, postingFailure: true, postingFailedAt: true, assessedAt: true },
      where: { postingFailure: Not(IsNull()) },
    }),
  ]);
  const failures = new Map<string, PostingFailure>();
  for (const row of gaveUp) {
    failures.set(row.shipmentId, {
      shipmentId: row.shipmentId,
      rejected: [],
      gaveUp: { reason: row.postingFailure ?? '', at: row.postingFailedAt ?? row.assessedAt },
    });
  }
  for (const row of rejected) {
    const failure = failures.get(row.shipmentId) ?? { shipmentId: row.shipmentId, rejected: [], gaveUp: null };
    failures.set(row.shipmentId, {
      ...failure,
      rejected: [
        ...failure.rejected,
        {
          invoiceId: row.id,
          kind: row.kind,
          code: row.rejectionCode ?? 'REJECTED',
          detail: row.rejectionDetail ?? '',
          rejectedAt: row.updatedAt,
        },
      ],
    });
  }

  return [...failures.values()];
}
