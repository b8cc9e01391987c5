import { describe, expect, it } from 'vitest';

import { processInvoice, processShipment, processStop } from '../process-answers.fixture.js';
import { invoiceAndDocumentSchemas } from './nmfta-standard.js';
import { toNmftaDocuments, toNmftaInvoice } from './nmfta.mapper.js';

const standard = invoiceAndDocumentSchemas();

const SHIPMENT = processShipment({
  stops: [
    processStop({ sequence: 2, name: 'Rhein Lager', city: 'Köln', region: 'NW', postalCode: '50667', country: 'DE' }),
    processShipment().stops[0],
  ],
  dispatch: { carrier: null, routeMiles: 410, deliveredAt: null, proofOfDelivery: null },
});

const INVOICE = processInvoice({
  lines: [{ kind: 'lumper', description: 'Lumper', quantity: 1, unit: 'each', rateCents: 5, amountCents: 5 }],
  subtotalCents: 5,
  taxCents: 0,
  totalCents: 5,
  issuedAt: '2026-12-08T23:59:59.999Z',
});

describe(toNmftaInvoice.name, () => {
  it('answers a valid Invoice with the stops in route order, and no tax charge when there is no tax', () => {
    const invoice = toNmftaInvoice(INVOICE, SHIPMENT);
    const validate = standard.validator('Invoice');

    expect(validate(invoice), JSON.stringify(validate.errors)).toBe(true);
    expect(invoice.invoiceHeader.consignor.consignorName).toBe('Midwest Paper DC');
    expect(invoice.invoiceHeader.consignee.consigneeName).toBe('Rhein Lager');
    expect(invoice.invoiceHeader.invoiceDate).toBe('2026-12-08');
    expect(invoice.invoiceCharges).toEqual([
      {
        chargeType: 'BASE_CHARGE',
        chargeCode: 'LUMPER',
        chargeUnitCode: 'FLAT',
        chargeDescription: 'Lumper',
        cost: { currencyCode: 'USD', value: '0.05' },
        quantity: { unitOfMeasure: 'FLAT', value: 1 },
      },
    ]);
  });

  it('leaves out a country it cannot write as ISO 3166-1 alpha-3 rather than send a wrong one', () => {
    const { consignor, consignee } = toNmftaInvoice(INVOICE, SHIPMENT).invoiceHeader;

    expect(consignor.address.countryCode).toBe('USA');
    expect(consignee.address).not.toHaveProperty('countryCode');
  });
});

describe(toNmftaDocuments.name, () => {
  it('offers the invoice alone while no proof of delivery is captured, and nothing for a bill of lading', () => {
    const validate = standard.validator('DocumentResponse');
    const documents = toNmftaDocuments(INVOICE, SHIPMENT);

    expect(validate(documents), JSON.stringify(validate.errors)).toBe(true);
    expect(documents.documents.map((document) => document.documentType)).toEqual(['INV']);
    expect(toNmftaDocuments(INVOICE, SHIPMENT, ['BOL']).documents).toEqual([]);
  });
});
