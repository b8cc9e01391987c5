import { describe, expect, it } from 'vitest';

import type { Charge } from './charge.js';
import { type Invoice } from './invoice.js';
import {
  type BuildInvoiceInput,
  INVOICE_LINE_DESCRIPTION_MAX,
  buildInvoice,
  decideInvoiceCorrection,
  invoiceDocumentOf,
} from './invoice-document.js';

const HUNT = { scac: 'HJBT', name: 'J.B. Hunt Transport' };

const linehaul: Charge = {
  kind: 'linehaul',
  description: 'Linehaul: 436 mi at 285 cents/mi',
  quantity: 436,
  quantityUnit: 'mile',
  rate: 285,
  rateUnit: 'cents_per_mile',
  amountCents: 124_260,
  currency: 'USD',
  sourceEventIds: ['evt_reassigned'],
  rule: 'linehaul.per_mile.v1',
};
const fuel: Charge = {
  ...linehaul,
  kind: 'fuel_surcharge',
  description: 'Fuel surcharge: 436 mi at 58 cents/mi (diesel at 389 cents/gal from 2024-03-04)',
  rate: 58,
  amountCents: 25_288,
  sourceEventIds: ['evt_reassigned', 'evt_departed_1'],
  rule: 'fuel_surcharge.v1',
};
const detention: Charge = {
  kind: 'detention',
  description: 'Detention at stop 2: 3 h 10 min on site, 2 h free, 1 h 15 min billed at 6000 cents/h',
  quantity: 75,
  quantityUnit: 'minute',
  rate: 6_000,
  rateUnit: 'cents_per_hour',
  amountCents: 7_500,
  currency: 'USD',
  sourceEventIds: ['evt_arrived_2', 'evt_departed_2'],
  rule: 'detention.v1',
};

const input: BuildInvoiceInput = {
  invoiceId: 'INV-SHP-7781-v1',
  shipmentId: 'SHP-7781',
  shipmentVersion: 1,
  customerId: 'C-1001',
  poNumber: 'PO-88213',
  currency: 'USD',
  charges: [linehaul, fuel, detention],
  taxQuote: { quoteId: 'TQ-000042', taxCents: 9_816, rateBasisPoints: 625, taxRegion: 'US-OH' },
  carrier: HUNT,
};

function built(overrides: Partial<BuildInvoiceInput> = {}) {
  const result = buildInvoice({ ...input, ...overrides });
  if (!result.ok) {
    throw new Error(`expected an invoice, got ${result.code}: ${result.message}`);
  }

  return result.document;
}

function posted(invoice: Invoice): Invoice {
  return { ...invoice, status: 'posted' };
}

describe(buildInvoice.name, () => {
  it('turns the charges and the tax quote into the lines and totals the ERP posting needs', () => {
    const document = built();

    expect(document.lines).toEqual([
      {
        kind: 'linehaul',
        description: 'Linehaul: 436 mi at 285 cents/mi',
        quantity: 436,
        unit: 'mile',
        rateCents: 285,
        amountCents: 124_260,
      },
      {
        kind: 'fuel_surcharge',
        description: 'Fuel surcharge: 436 mi at 58 cents/mi (diesel at 389 cents/gal from 2024-03-04)',
        quantity: 436,
        unit: 'mile',
        rateCents: 58,
        amountCents: 25_288,
      },
      {
        kind: 'detention',
        description: 'Detention at stop 2: 3 h 10 min on site, 2 h free, 1 h 15 min billed at 6000 cents/h',
        quantity: 1.25,
        unit: 'hour',
        rateCents: 6_000,
        amountCents: 7_500,
      },
    ]);
    expect([document.subtotalCents, document.taxCents, document.totalCents]).toEqual([157_048, 9_816, 166_864]);
    expect(document.carrier).toEqual(HUNT);
    expect(document.invoice).toMatchObject({
      id: 'INV-SHP-7781-v1',
      kind: 'invoice',
      correctsInvoiceId: null,
      poNumber: 'PO-88213',
      status: 'draft',
      totalCents: 166_864,
    });
  });

  it('keeps lines that add up to the total less the tax, as the ERP checks', () => {
    const document = built();

    expect(document.lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(
      document.totalCents - document.taxCents,
    );
  });

  it('prints detention in hours to two decimals, whatever increment counted it', () => {
    const tenMinutes = { ...detention, quantity: 70, amountCents: 7_000 };

    expect(built({ charges: [tenMinutes] }).lines[0]).toMatchObject({ quantity: 1.17, unit: 'hour' });
  });

  it('prints a percentage fuel surcharge as one line at its amount', () => {
    const percent: Charge = {
      ...fuel,
      quantity: 124_260,
      quantityUnit: 'cent',
      rate: 1_850,
      rateUnit: 'basis_points',
      amountCents: 22_988,
    };

    expect(built({ charges: [percent] }).lines[0]).toMatchObject({
      quantity: 1,
      unit: 'each',
      rateCents: 22_988,
      amountCents: 22_988,
    });
  });

  it('cuts a line description to what the ERP accepts', () => {
    const line = built({ charges: [{ ...linehaul, description: 'x'.repeat(250) }] }).lines[0];

    expect(line.description).toHaveLength(INVOICE_LINE_DESCRIPTION_MAX);
    expect(line.description.endsWith('…')).toBe(true);
  });

  it('accepts tax quoted per line when the lines add up to the total', () => {
    const taxQuote = { ...input.taxQuote, lineTaxCents: [7_766, 1_581, 469] };

    expect(built({ taxQuote }).taxCents).toBe(9_816);
  });

  it.each([
    ['no charges', { charges: [] }, 'NO_CHARGES'],
    ['a charge in another currency', { charges: [{ ...linehaul, currency: 'CAD' }] }, 'CURRENCY_MISMATCH'],
    ['negative tax', { taxQuote: { ...input.taxQuote, taxCents: -1 } }, 'INVALID_TAX'],
    ['fractional tax', { taxQuote: { ...input.taxQuote, taxCents: 9_815.5 } }, 'INVALID_TAX'],
    ['line tax that misses a line', { taxQuote: { ...input.taxQuote, lineTaxCents: [7_766, 2_050] } }, 'INVALID_TAX'],
    [
      'line tax that does not add up',
      { taxQuote: { ...input.taxQuote, lineTaxCents: [7_766, 1_581, 470] } },
      'INVALID_TAX',
    ],
  ] as const)('refuses %s', (_case, overrides: Partial<BuildInvoiceInput>, code) => {
    const result = buildInvoice({ ...input, ...overrides });

    expect(!result.ok && result.code).toBe(code);
  });
});

describe(decideInvoiceCorrection.name, () => {
  const original = posted(built().invoice);

  it('changes nothing when the re-rating bills the same lines, even from other events', () => {
    const rerated = built({
      invoiceId: 'INV-SHP-7781-v2',
      shipmentVersion: 2,
      charges: [{ ...linehaul, sourceEventIds: ['evt_assigned_again'] }, fuel, detention],
    }).invoice;

    expect(decideInvoiceCorrection({ posted: original, rerated, creditMemoId: 'CM-SHP-7781-v1' })).toEqual({
      action: 'no_change',
    });
  });

  it('credits the posted invoice in full and rebills the re-rated one, both naming the posted invoice', () => {
    const rerated = built({
      invoiceId: 'INV-SHP-7781-v2',
      shipmentVersion: 2,
      charges: [{ ...linehaul, description: 'Linehaul: 452 mi at 285 cents/mi', quantity: 452, amountCents: 128_820 }],
      taxQuote: { ...input.taxQuote, taxCents: 8_051 },
    }).invoice;

    const correction = decideInvoiceCorrection({ posted: original, rerated, creditMemoId: 'CM-SHP-7781-v1' });

    expect(correction.action).toBe('credit_and_rebill');
    if (correction.action !== 'credit_and_rebill') {
      return;
    }
    expect(correction.creditMemo).toMatchObject({
      id: 'CM-SHP-7781-v1',
      kind: 'credit_memo',
      correctsInvoiceId: 'INV-SHP-7781-v1',
      shipmentVersion: 1,
      subtotalCents: -157_048,
      taxCents: -9_816,
      totalCents: -166_864,
    });
    expect(correction.creditMemo.lines.map((line) => line.amountCents)).toEqual([-124_260, -25_288, -7_500]);
    expect(correction.rebill).toMatchObject({
      id: 'INV-SHP-7781-v2',
      kind: 'rebill',
      correctsInvoiceId: 'INV-SHP-7781-v1',
      shipmentVersion: 2,
      totalCents: 136_871,
      status: 'draft',
    });
    expect(invoiceDocumentOf(correction.creditMemo, HUNT).lines[0]).toMatchObject({
      amountCents: -124_260,
      quantity: 436,
    });
  });

  it.each([
    ['the tax', { taxQuote: { ...input.taxQuote, taxCents: 9_817 } }],
    ['the PO number', { poNumber: 'PO-88214' }],
    ['an added accessorial', { charges: [linehaul, fuel, detention, { ...detention, kind: 'lumper' }] }],
  ] as const)('rebills when only %s changed', (_case, overrides: Partial<BuildInvoiceInput>) => {
    const rerated = built({ invoiceId: 'INV-SHP-7781-v2', shipmentVersion: 2, ...overrides }).invoice;

    expect(decideInvoiceCorrection({ posted: original, rerated, creditMemoId: 'CM-1' }).action).toBe(
      'credit_and_rebill',
    );
  });

  it('corrects nothing that was never posted', () => {
    const rerated = built({ invoiceId: 'INV-SHP-7781-v2', shipmentVersion: 2 }).invoice;

    expect(
      decideInvoiceCorrection({ posted: { ...original, status: 'rejected' }, rerated, creditMemoId: 'CM-1' }),
    ).toEqual({ action: 'not_posted', reason: 'invoice INV-SHP-7781-v1 is rejected, not posted' });
  });
});
