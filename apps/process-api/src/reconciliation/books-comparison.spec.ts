import { describe, expect, it } from 'vitest';

import { type BooksComparisonInput, compareBooks, type ErpPosting } from './books-comparison.js';

const NOW = new Date('2026-12-10T12:00:00Z');

function input(overrides: Partial<BooksComparisonInput>): BooksComparisonInput {
  return {
    lanegate: [],
    erp: [],
    knownReferences: new Map(),
    delivered: [],
    now: NOW,
    uninvoicedAfterHours: 24,
    ...overrides,
  };
}

const invoice = (reference: string, number: string, totalCents: number): ErpPosting => ({
  documentNumber: number,
  type: 'invoice',
  externalReference: reference,
  totalCents,
});

describe(compareBooks.name, () => {
  it('finds nothing when every posting is in the ERP with its total', () => {
    expect(
      compareBooks(
        input({
          lanegate: [{ id: 'INV-SHP-1-v1', shipmentId: 'SHP-1', erpDocumentNumber: 'INV-000001', totalCents: 1_000 }],
          erp: [invoice('INV-SHP-1-v1', 'INV-000001', 1_000)],
          knownReferences: new Map([['INV-SHP-1-v1', 'SHP-1']]),
        }),
      ),
    ).toEqual([]);
  });

  it('does not count an invoice that a credit memo reverses, so a rebill is no duplicate', () => {
    const erp: ErpPosting[] = [
      invoice('INV-SHP-1-v1', 'INV-000001', 1_000),
      {
        documentNumber: 'CM-000001',
        type: 'credit_memo',
        externalReference: 'CM-SHP-1-v1',
        totalCents: -1_000,
        creditsDocumentNumber: 'INV-000001',
      },
      invoice('INV-SHP-1-v2', 'INV-000002', 1_300),
    ];
    const known = new Map(erp.map((document) => [document.externalReference, 'SHP-1']));

    expect(compareBooks(input({ erp, knownReferences: known }))).toEqual([]);
  });

  it('reports two standing invoices of one shipment as a duplicate, naming both documents', () => {
    const erp = [invoice('INV-SHP-1-v1', 'INV-000001', 1_000), invoice('INV-SHP-1-v2', 'INV-000002', 1_000)];
    const known = new Map(erp.map((document) => [document.externalReference, 'SHP-1']));

    expect(compareBooks(input({ erp, knownReferences: known }))).toEqual([
      expect.objectContaining({
        kind: 'duplicate_in_erp',
        shipmentId: 'SHP-1',
        erpDocumentNumbers: ['INV-000001', 'INV-000002'],
        erpTotalCents: 2_000,
      }),
    ]);
  });

  it('reports one external reference held twice by the ERP, once', () => {
    const erp = [invoice('INV-SHP-1-v1', 'INV-000001', 1_000), invoice('INV-SHP-1-v1', 'INV-000002', 1_000)];

    expect(compareBooks(input({ erp, knownReferences: new Map([['INV-SHP-1-v1', 'SHP-1']]) }))).toEqual([
      expect.objectContaining({
        kind: 'duplicate_in_erp',
        documentId: 'INV-SHP-1-v1',
        erpDocumentNumbers: ['INV-000001', 'INV-000002'],
      }),
    ]);
  });

  it('ignores ERP documents of other systems, and reports one naming a Lanegate shipment that Lanegate never posted', () => {
    const erp = [invoice('AR-2026-77', 'INV-000010', 500), invoice('INV-SHP-9-v1', 'INV-000011', 700)];

    expect(compareBooks(input({ erp }))).toEqual([
      expect.objectContaining({ kind: 'not_in_lanegate', shipmentId: 'SHP-9', erpDocumentNumbers: ['INV-000011'] }),
    ]);
  });

  it('reports a delivered shipment without an invoice only once it is older than the limit', () => {
    const delivered = [
      { shipmentId: 'SHP-old', deliveredAt: new Date('2026-12-09T11:59:00Z'), invoiced: false },
      { shipmentId: 'SHP-recent', deliveredAt: new Date('2026-12-09T12:01:00Z'), invoiced: false },
      { shipmentId: 'SHP-billed', deliveredAt: new Date('2026-12-01T00:00:00Z'), invoiced: true },
    ];

    expect(compareBooks(input({ delivered })).map((d) => [d.kind, d.shipmentId])).toEqual([
      ['delivered_not_invoiced', 'SHP-old'],
    ]);
  });
});
