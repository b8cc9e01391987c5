import { describe, expect, it } from 'vitest';

import { DomainError } from '../shared/domain.error.js';
import type { Charge } from './charge.js';
import { type CreateInvoiceInput, type Invoice, createInvoice, creditMemoFor } from './invoice.js';

const linehaul: Charge = {
  kind: 'linehaul',
  description: 'Linehaul: 436 mi at 285 cents/mi',
  quantity: 436,
  quantityUnit: 'mile',
  rate: 285,
  rateUnit: 'cents_per_mile',
  amountCents: 124_260,
  currency: 'USD',
  sourceEventIds: ['evt_assigned'],
  rule: 'linehaul.per_mile.v1',
};
const detention: Charge = {
  ...linehaul,
  kind: 'detention',
  description: 'Detention',
  quantity: 75,
  quantityUnit: 'minute',
  rate: 6_000,
  rateUnit: 'cents_per_hour',
  amountCents: 7_500,
  sourceEventIds: ['evt_arrived', 'evt_departed'],
  rule: 'detention.v1',
};

const input: CreateInvoiceInput = {
  id: 'inv_1',
  shipmentId: 'shp_1',
  shipmentVersion: 3,
  customerId: 'cus_acme',
  poNumber: 'PO-7781',
  lines: [linehaul, detention],
  taxCents: 0,
  currency: 'USD',
};

function problemsOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError && error.code === 'INVALID_INVOICE' ? error.details['problems'] : error;
  }

  return undefined;
}

describe('invoice', () => {
  describe(createInvoice.name, () => {
    it('computes subtotal and total of a draft invoice from its lines and tax', () => {
      const invoice = createInvoice({ ...input, taxCents: 1_054 });

      expect(invoice).toMatchObject({
        kind: 'invoice',
        status: 'draft',
        subtotalCents: 131_760,
        taxCents: 1_054,
        totalCents: 132_814,
        correctsInvoiceId: null,
        poNumber: 'PO-7781',
      });
      expect(invoice.lines).toEqual([linehaul, detention]);
    });

    it('rejects a line in another currency', () => {
      expect(
        problemsOf(() => createInvoice({ ...input, lines: [linehaul, { ...detention, currency: 'CAD' }] })),
      ).toEqual(['detention line is in CAD, invoice is in USD']);
    });

    it('rejects float tax, an empty invoice and a version of zero', () => {
      expect(problemsOf(() => createInvoice({ ...input, lines: [], taxCents: 10.5, shipmentVersion: 0 }))).toHaveLength(
        3,
      );
    });

    it('rejects a credit memo that does not name the invoice it corrects', () => {
      expect(problemsOf(() => createInvoice({ ...input, kind: 'credit_memo' }))).toContain(
        'a credit memo must name the invoice it corrects',
      );
    });

    it('rejects an original invoice that claims to correct another', () => {
      expect(problemsOf(() => createInvoice({ ...input, correctsInvoiceId: 'inv_0' }))).toHaveLength(1);
    });

    it('rejects a credit memo with a positive total and an invoice with a negative one', () => {
      expect(problemsOf(() => createInvoice({ ...input, kind: 'credit_memo', correctsInvoiceId: 'inv_0' }))).toEqual([
        'the total of a credit memo must be zero or negative',
      ]);
      expect(problemsOf(() => createInvoice({ ...input, taxCents: -200_000 }))).toEqual([
        'the total of an invoice must be zero or positive',
      ]);
    });
  });

  describe(creditMemoFor.name, () => {
    const posted: Invoice = { ...createInvoice({ ...input, taxCents: 1_054 }), status: 'posted' };

    it('reverses every line and the tax of a posted invoice', () => {
      const memo = creditMemoFor(posted, 'cm_1');

      expect(memo).toMatchObject({
        id: 'cm_1',
        kind: 'credit_memo',
        correctsInvoiceId: 'inv_1',
        shipmentVersion: 3,
        subtotalCents: -131_760,
        taxCents: -1_054,
        totalCents: -132_814,
        status: 'draft',
      });
      expect(memo.lines.map((line) => line.amountCents)).toEqual([-124_260, -7_500]);
      expect(memo.totalCents + posted.totalCents).toBe(0);
    });

    it('refuses to credit an invoice that was never posted', () => {
      expect(() => creditMemoFor({ ...posted, status: 'draft' }, 'cm_1')).toThrow(/only a posted invoice is credited/);
    });
  });
});
