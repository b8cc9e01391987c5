import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestApp, type TestApp } from '@lanegate/platform/testing';

import { SANDBOX_DOCUMENT, SandboxModule } from '../src/sandbox.module.js';

const PROBLEM_JSON = 'application/problem+json';

/** Response bodies are asserted on, not typed twice. */
const json = (response: Response): Promise<any> => response.json() as Promise<any>;
const CLIENT = { grant_type: 'client_credentials', client_id: 'lanegate-gateway', client_secret: 'sandbox-erp-secret' };
/** Generous enough that no test but the quota one meets the quota. */
const QUIET_FAULTS = {
  quotaPerSecond: 1_000,
  latencyMs: 0,
  errorRate: 0,
  maintenance: null,
  tokenTtlSeconds: 900,
  postingRejection: null,
};

function invoiceRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalReference: 'LG-INV-SHP-7781-v1',
    customerId: 'C-1001',
    currency: 'USD',
    issuedAt: '2026-12-08T16:00:00Z',
    lines: [
      {
        kind: 'linehaul',
        description: 'Linehaul Chicago IL to Columbus OH',
        quantity: 356,
        unit: 'mile',
        rateCents: 285,
        amountCents: 101_460,
      },
      {
        kind: 'fuel_surcharge',
        description: 'Fuel surcharge, diesel at 399 cents/gal',
        quantity: 356,
        unit: 'mile',
        rateCents: 48,
        amountCents: 17_088,
      },
    ],
    taxCents: 7_409,
    totalCents: 125_957,
    carrier: { scac: 'HJBT', name: 'J.B. Hunt Transport' },
    ...overrides,
  };
}

function creditMemoRequest(invoiceDocumentNumber: string, overrides: Record<string, unknown> = {}): unknown {
  return {
    externalReference: 'LG-CM-SHP-7781-v1',
    invoiceDocumentNumber,
    reason: 'Fuel surcharge billed at the wrong band.',
    lines: [
      {
        kind: 'fuel_surcharge',
        description: 'Fuel surcharge credit',
        quantity: 356,
        unit: 'mile',
        rateCents: -2,
        amountCents: -712,
      },
    ],
    taxCents: -45,
    totalCents: -757,
    ...overrides,
  };
}

describe('sandbox ERP', () => {
  let sandbox: TestApp;
  let ops: string;
  let erp: string;

  beforeAll(async () => {
    sandbox = await startTestApp({ app: 'sandbox', layers: [SandboxModule], documents: [SANDBOX_DOCUMENT] });
    ops = sandbox.bearer(['ops'], { subject: 'erp-sandbox-tests' });
    erp = `Bearer ${(await json(await requestToken(CLIENT))).access_token}`;
  });

  afterAll(async () => {
    await sandbox.dispose();
  });

  beforeEach(async () => {
    expect((await opsCall('POST', '/reset')).status).toBe(204);
    expect((await opsCall('PUT', '/faults', QUIET_FAULTS)).status).toBe(200);
  });

  const url = (path: string): string => `${sandbox.baseUrl}/sandbox/erp${path}`;
  const requestToken = (body: Record<string, string>, form = false): Promise<Response> =>
    fetch(url('/oauth/token'), {
      method: 'POST',
      headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
    });
  const erpGet = (path: string, token = erp): Promise<Response> =>
    fetch(url(path), { headers: { authorization: token } });
  const erpPost = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(url(path), {
      method: 'POST',
      headers: { authorization: erp, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const opsCall = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(url(path), {
      method,
      headers: { authorization: ops, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const heldDocuments = async (): Promise<any[]> => (await json(await opsCall('GET', '/documents'))).items;
  const stats = async (): Promise<any> => json(await opsCall('GET', '/stats'));

  describe('POST /sandbox/erp/oauth/token', () => {
    it('issues a bearer token for form-encoded and for JSON client credentials', async () => {
      for (const form of [true, false]) {
        const response = await requestToken(CLIENT, form);
        const body = await json(response);

        expect(response.status).toBe(200);
        expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
        expect((await erpGet('/customers/C-1001', `Bearer ${body.access_token}`)).status).toBe(200);
      }
    });

    it('answers 401 to a wrong client secret', async () => {
      const response = await requestToken({ ...CLIENT, client_secret: 'guessed' }, true);

      expect(response.status).toBe(401);
      expect((await json(response)).code).toBe('ERP_INVALID_CLIENT');
    });

    it('is not subject to the quota', async () => {
      await opsCall('PUT', '/faults', { quotaPerSecond: 1 });
      await erpGet('/fuel-surcharge');

      expect((await erpGet('/fuel-surcharge')).status).toBe(429);
      expect((await requestToken(CLIENT)).status).toBe(200);
    });
  });

  describe('ERP access tokens', () => {
    it('answers 401 ERP_TOKEN_INVALID to an unknown token and to a Lanegate token', async () => {
      for (const token of ['Bearer not-an-erp-token', ops]) {
        const response = await erpGet('/customers/C-1001', token);

        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
        expect(response.headers.get('www-authenticate')).toContain('invalid_token');
        expect((await json(response)).code).toBe('ERP_TOKEN_INVALID');
      }
    });

    it('answers 401 once a token has expired', async () => {
      await opsCall('PUT', '/faults', { tokenTtlSeconds: 1 });
      const issued = await json(await requestToken(CLIENT));
      const fresh = await erpGet('/customers/C-1001', `Bearer ${issued.access_token}`);
      await sleep(1_100);
      const expired = await erpGet('/customers/C-1001', `Bearer ${issued.access_token}`);

      expect(issued.expires_in).toBe(1);
      expect(fresh.status).toBe(200);
      expect(expired.status).toBe(401);
      expect((await json(expired)).code).toBe('ERP_TOKEN_INVALID');
      expect((await stats()).calls['GET /customers/{customerId} 401']).toBe(1);
    });
  });

  describe('GET /sandbox/erp/customers/{customerId}', () => {
    it('answers the customer master data without internal flags', async () => {
      const response = await erpGet('/customers/C-1002');
      const customer = await json(response);

      expect(response.status).toBe(200);
      expect(customer).toEqual({
        id: 'C-1002',
        name: 'Lakeshore Foods LLC',
        status: 'active',
        creditLimitCents: 25_000_000,
        openBalanceCents: 3_100_000,
        currency: 'USD',
        taxRegion: 'US-OH',
        paymentTermsDays: 45,
        poRequired: true,
      });
    });

    it('adds posted invoices to the open balance', async () => {
      await erpPost('/invoices', invoiceRequest());
      const customer = await json(await erpGet('/customers/C-1001'));

      expect(customer.openBalanceCents).toBe(12_450_000 + 125_957);
    });

    it('answers 404 CUSTOMER_NOT_FOUND for an unknown customer', async () => {
      const response = await erpGet('/customers/C-9999');

      expect(response.status).toBe(404);
      expect((await json(response)).code).toBe('CUSTOMER_NOT_FOUND');
    });
  });

  describe('GET /sandbox/erp/customers/{customerId}/contract', () => {
    it('answers the Chicago to Columbus lane of C-1001 with its detention terms and accessorial prices', async () => {
      const response = await erpGet('/customers/C-1001/contract');
      const contract = await json(response);

      expect(response.status).toBe(200);
      expect(contract).toMatchObject({ customerId: 'C-1001', currency: 'USD' });
      expect(contract.lanes).toEqual([
        {
          laneId: 'LN-1001-01',
          origin: { city: 'Chicago', region: 'IL' },
          destination: { city: 'Columbus', region: 'OH' },
          rateType: 'per_mile',
          rateCentsPerMile: 285,
          detention: { freeMinutes: 120, incrementMinutes: 15, hourlyRateCents: 6_000, capCents: 48_000 },
          accessorials: [
            { kind: 'lumper', priceCents: 25_000, requiresApproval: true },
            { kind: 'layover', priceCents: 30_000, requiresApproval: true },
            { kind: 'tonu', priceCents: 15_000, requiresApproval: true },
            { kind: 'stop_off', priceCents: 7_500, requiresApproval: false },
          ],
        },
      ]);
    });

    it('prices a flat lane with flatCents and no per-mile rate', async () => {
      const contract = await json(await erpGet('/customers/C-1002/contract'));
      const flat = contract.lanes.find((lane: any) => lane.rateType === 'flat');

      expect(flat).toMatchObject({ laneId: 'LN-1002-02', flatCents: 95_000 });
      expect(flat).not.toHaveProperty('rateCentsPerMile');
    });

    it('answers 404 CONTRACT_NOT_FOUND for a customer without a contract', async () => {
      const response = await erpGet('/customers/C-9999/contract');

      expect(response.status).toBe(404);
      expect((await json(response)).code).toBe('CONTRACT_NOT_FOUND');
    });
  });

  describe('GET /sandbox/erp/fuel-surcharge', () => {
    it('answers contiguous ten-cent bands from 300 to 609 cents and ten Monday diesel prices', async () => {
      const response = await erpGet('/fuel-surcharge');
      const { table, dieselPrices } = await json(response);
      const bands = table.bands as { minDieselCents: number; maxDieselCents: number; surchargeCentsPerMile: number }[];

      expect(response.status).toBe(200);
      expect(bands[0]).toEqual({ minDieselCents: 300, maxDieselCents: 309, surchargeCentsPerMile: 30 });
      expect(bands.at(-1)).toEqual({ minDieselCents: 600, maxDieselCents: 609, surchargeCentsPerMile: 90 });
      expect(
        bands.every((band, index) => index === 0 || band.minDieselCents === bands[index - 1].maxDieselCents + 1),
      ).toBe(true);
      expect(dieselPrices).toHaveLength(10);
      expect(dieselPrices.at(-1)).toEqual({ weekOf: '2026-12-07', dieselCents: 399 });
      for (const { weekOf, dieselCents } of dieselPrices) {
        expect(new Date(`${weekOf}T00:00:00Z`).getUTCDay(), weekOf).toBe(1);
        expect(dieselCents).toBeGreaterThanOrEqual(380);
        expect(dieselCents).toBeLessThanOrEqual(420);
      }
    });
  });

  describe('POST /sandbox/erp/tax-quotes', () => {
    const taxQuote = (customerId: string, amounts: number[]): unknown => ({
      customerId,
      shipTo: { region: 'OH', postalCode: '43215', country: 'US' },
      lines: amounts.map((amountCents) => ({ kind: 'linehaul', amountCents })),
    });

    it("taxes 10,000 cents for C-1001 at Illinois' 6.25 %", async () => {
      const response = await erpPost('/tax-quotes', taxQuote('C-1001', [10_000]));

      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({
        quoteId: 'TQ-000001',
        taxCents: 625,
        rateBasisPoints: 625,
        taxRegion: 'US-IL',
      });
    });

    it('taxes the sum of the lines and rounds half a cent up', async () => {
      const indiana = await json(await erpPost('/tax-quotes', taxQuote('C-1003', [100, 50])));
      const ohio = await json(await erpPost('/tax-quotes', taxQuote('C-1002', [101_460, 17_088])));

      expect(indiana).toMatchObject({ taxCents: 11, rateBasisPoints: 700, taxRegion: 'US-IN' });
      expect(ohio).toMatchObject({ taxCents: 6_817, rateBasisPoints: 575, taxRegion: 'US-OH' });
    });

    it("answers 422 TAX_VALIDATION_FAILED with the ERP's reason for C-1004", async () => {
      const response = await erpPost('/tax-quotes', taxQuote('C-1004', [10_000]));
      const problem = await json(response);

      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(problem.code).toBe('TAX_VALIDATION_FAILED');
      expect(problem.detail).toContain('exemption certificate');
    });

    it('answers 404 CUSTOMER_NOT_FOUND for an unknown customer', async () => {
      const response = await erpPost('/tax-quotes', taxQuote('C-9999', [10_000]));

      expect(response.status).toBe(404);
      expect((await json(response)).code).toBe('CUSTOMER_NOT_FOUND');
    });
  });

  describe('POST /sandbox/erp/credit-checks', () => {
    it('approves an amount within the available credit', async () => {
      const response = await erpPost('/credit-checks', { customerId: 'C-1001', amountCents: 125_957 });

      expect(response.status).toBe(200);
      expect(await json(response)).toEqual({ approved: true, availableCreditCents: 37_550_000 });
    });

    it('refuses an amount over the limit and any amount for a customer on hold', async () => {
      const over = await json(await erpPost('/credit-checks', { customerId: 'C-1001', amountCents: 40_000_000 }));
      const onHold = await json(await erpPost('/credit-checks', { customerId: 'C-1003', amountCents: 1_000 }));

      expect(over).toMatchObject({ approved: false, availableCreditCents: 37_550_000 });
      expect(over.reason).toContain('exceeds the available credit');
      expect(onHold).toEqual({
        approved: false,
        availableCreditCents: 100_000,
        reason: 'Customer C-1003 is on credit hold.',
      });
    });
  });

  describe('POST /sandbox/erp/invoices', () => {
    it('posts an invoice once: the same external reference answers 200 with the same document', async () => {
      const first = await erpPost('/invoices', invoiceRequest(), { 'idempotency-key': 'inv-7781-v1' });
      const again = await erpPost('/invoices', invoiceRequest());
      const posted = await json(first);
      const replayed = await json(again);

      expect(first.status).toBe(201);
      expect(posted).toEqual({
        documentNumber: 'INV-000001',
        externalReference: 'LG-INV-SHP-7781-v1',
        status: 'posted',
        postedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        totalCents: 125_957,
      });
      expect(again.status).toBe(200);
      expect(replayed).toEqual(posted);
      expect(await heldDocuments()).toHaveLength(1);
    });

    it('answers a repeated Idempotency-Key with the document it posted, never a second one', async () => {
      const first = await json(await erpPost('/invoices', invoiceRequest(), { 'idempotency-key': 'inv-7781-v1' }));
      const again = await erpPost('/invoices', invoiceRequest({ externalReference: 'LG-INV-retry' }), {
        'idempotency-key': 'inv-7781-v1',
      });

      expect(again.status).toBe(200);
      expect((await json(again)).documentNumber).toBe(first.documentNumber);
      expect(await heldDocuments()).toHaveLength(1);
    });

    it('keeps the lines, PO, carrier and Idempotency-Key of the posted document', async () => {
      await erpPost('/invoices', invoiceRequest({ customerId: 'C-1002', purchaseOrder: 'PO-88213' }), {
        'idempotency-key': 'inv-7781-v1',
      });
      const [held] = await heldDocuments();

      expect(held).toMatchObject({
        documentNumber: 'INV-000001',
        type: 'invoice',
        customerId: 'C-1002',
        purchaseOrder: 'PO-88213',
        carrier: { scac: 'HJBT', name: 'J.B. Hunt Transport' },
        idempotencyKey: 'inv-7781-v1',
        taxCents: 7_409,
      });
      expect(held.lines.map((line: any) => line.amountCents)).toEqual([101_460, 17_088]);
    });

    it('answers 422 INVOICE_INVALID when the lines do not add up to the total less tax', async () => {
      const response = await erpPost('/invoices', invoiceRequest({ totalCents: 125_000 }));
      const problem = await json(response);

      expect(response.status).toBe(422);
      expect(problem.code).toBe('INVOICE_INVALID');
      expect(problem.detail).toBe('The lines add up to 118548 cents, but totalCents minus taxCents is 117591 cents.');
      expect(await heldDocuments()).toEqual([]);
    });

    it('answers 422 TAX_VALIDATION_FAILED for a customer flagged so', async () => {
      const response = await erpPost('/invoices', invoiceRequest({ customerId: 'C-1004' }));

      expect(response.status).toBe(422);
      expect((await json(response)).code).toBe('TAX_VALIDATION_FAILED');
    });

    it('answers 400 naming each invalid field', async () => {
      const response = await erpPost('/invoices', invoiceRequest({ totalCents: 12.5, surprise: true }));
      const problem = await json(response);

      expect(response.status).toBe(400);
      expect(problem.errors.map((error: any) => error.field).sort()).toEqual(['surprise', 'totalCents']);
    });
  });

  describe('POST /sandbox/erp/credit-memos', () => {
    it('credits a posted invoice once, numbered CM-', async () => {
      const invoice = await json(await erpPost('/invoices', invoiceRequest()));
      const first = await erpPost('/credit-memos', creditMemoRequest(invoice.documentNumber));
      const again = await erpPost('/credit-memos', creditMemoRequest(invoice.documentNumber));

      expect(first.status).toBe(201);
      expect(await json(first)).toMatchObject({
        documentNumber: 'CM-000001',
        externalReference: 'LG-CM-SHP-7781-v1',
        creditsDocumentNumber: 'INV-000001',
        status: 'posted',
        totalCents: -757,
      });
      expect(again.status).toBe(200);
      expect((await json(again)).documentNumber).toBe('CM-000001');
      expect((await heldDocuments()).map((document) => document.type)).toEqual(['invoice', 'credit_memo']);
    });

    it('answers 404 INVOICE_NOT_FOUND for an invoice the ERP does not hold', async () => {
      const response = await erpPost('/credit-memos', creditMemoRequest('INV-424242'));

      expect(response.status).toBe(404);
      expect((await json(response)).code).toBe('INVOICE_NOT_FOUND');
    });

    it('answers 422 CREDIT_MEMO_INVALID when crediting more than the invoice has left', async () => {
      const invoice = await json(await erpPost('/invoices', invoiceRequest()));
      const lines = [
        {
          kind: 'linehaul',
          description: 'Full credit',
          quantity: 1,
          unit: 'each',
          rateCents: -200_000,
          amountCents: -200_000,
        },
      ];
      const response = await erpPost(
        '/credit-memos',
        creditMemoRequest(invoice.documentNumber, { lines, taxCents: 0, totalCents: -200_000 }),
      );

      expect(response.status).toBe(422);
      expect((await json(response)).code).toBe('CREDIT_MEMO_INVALID');
    });
  });

  describe('GET /sandbox/erp/invoices', () => {
    it('finds a document by external reference, and nothing for an unknown one', async () => {
      await erpPost('/invoices', invoiceRequest());
      const found = await json(await erpGet('/invoices?externalReference=LG-INV-SHP-7781-v1'));
      const missing = await json(await erpGet('/invoices?externalReference=LG-INV-unknown'));

      expect(found.items).toHaveLength(1);
      expect(found.items[0]).toMatchObject({ documentNumber: 'INV-000001', type: 'invoice', customerId: 'C-1001' });
      expect(found.items[0]).not.toHaveProperty('idempotencyKey');
      expect(missing).toEqual({ items: [] });
    });

    it('pages the invoices and credit memos posted in a range, oldest first', async () => {
      const before = new Date(Date.now() - 1_000).toISOString();
      const invoice = await json(await erpPost('/invoices', invoiceRequest()));
      await erpPost('/invoices', invoiceRequest({ externalReference: 'LG-INV-SHP-7782-v1' }));
      await erpPost('/credit-memos', creditMemoRequest(invoice.documentNumber));
      const after = new Date(Date.now() + 1_000).toISOString();
      const range = `postedFrom=${before}&postedTo=${after}`;

      const firstPage = await json(await erpGet(`/invoices?${range}&pageSize=2`));
      const secondPage = await json(await erpGet(`/invoices?${range}&pageSize=2&page=2`));
      const later = await json(await erpGet(`/invoices?postedFrom=${after}`));

      expect(firstPage.total).toBe(3);
      expect(firstPage.items.map((document: any) => document.documentNumber)).toEqual(['INV-000001', 'INV-000002']);
      expect(secondPage.items).toEqual([
        expect.objectContaining({
          documentNumber: 'CM-000001',
          type: 'credit_memo',
          creditsDocumentNumber: 'INV-000001',
        }),
      ]);
      expect(later).toEqual({ items: [], total: 0 });
    });

    it('answers 400 when an external reference is combined with a range', async () => {
      const response = await erpGet('/invoices?externalReference=LG-INV-1&postedFrom=2026-12-01T00:00:00Z');

      expect(response.status).toBe(400);
      expect((await json(response)).code).toBe('VALIDATION_FAILED');
    });
  });

  describe('quota', () => {
    it('admits quotaPerSecond calls in a second and answers the rest 429 with Retry-After', async () => {
      await opsCall('PUT', '/faults', { quotaPerSecond: 5 });
      const responses = await Promise.all(Array.from({ length: 12 }, () => erpGet('/customers/C-1001')));
      const limited = responses.filter((response) => response.status === 429);

      expect(responses.filter((response) => response.status === 200)).toHaveLength(5);
      expect(limited).toHaveLength(7);
      for (const response of limited) {
        expect(response.headers.get('retry-after')).toBe('1');
        expect((await json(response)).code).toBe('ERP_QUOTA_EXCEEDED');
      }
      const counted = await stats();
      expect(counted.served429).toBe(7);
      expect(counted.calls).toMatchObject({
        'GET /customers/{customerId} 200': 5,
        'GET /customers/{customerId} 429': 7,
      });
    });

    it('admits calls again once the window has passed', async () => {
      await opsCall('PUT', '/faults', { quotaPerSecond: 2 });
      await Promise.all([erpGet('/fuel-surcharge'), erpGet('/fuel-surcharge')]);
      const refused = await erpGet('/fuel-surcharge');
      await sleep(1_050);
      const admitted = await erpGet('/fuel-surcharge');

      expect(refused.status).toBe(429);
      expect(admitted.status).toBe(200);
    });
  });

  describe('maintenance window', () => {
    it('answers 503 with Retry-After until the window ends, then recovers', async () => {
      const startsAt = new Date();
      const endsAt = new Date(startsAt.getTime() + 2_000);
      await opsCall('PUT', '/faults', {
        maintenance: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      });

      const during = await erpGet('/customers/C-1001');
      const problem = await json(during);
      await sleep(Math.max(0, endsAt.getTime() - Date.now()) + 50);
      const after = await erpGet('/customers/C-1001');

      expect(during.status).toBe(503);
      expect(problem.code).toBe('ERP_MAINTENANCE');
      expect(['1', '2']).toContain(during.headers.get('retry-after'));
      expect(after.status).toBe(200);
      expect((await stats()).served503).toBe(1);
    });
  });

  describe('error rate', () => {
    it('answers 500 ERP_INTERNAL_ERROR before doing anything when errorRate is 1', async () => {
      await opsCall('PUT', '/faults', { errorRate: 1 });
      const response = await erpPost('/invoices', invoiceRequest());

      expect(response.status).toBe(500);
      expect((await json(response)).code).toBe('ERP_INTERNAL_ERROR');
      expect(await heldDocuments()).toEqual([]);
      expect((await stats()).served500).toBe(1);
    });
  });

  describe('latency', () => {
    it('delays every answer by latencyMs', async () => {
      await opsCall('PUT', '/faults', { latencyMs: 300 });
      const startedAt = performance.now();
      const response = await erpGet('/customers/C-1001');

      expect(response.status).toBe(200);
      expect(performance.now() - startedAt).toBeGreaterThanOrEqual(290);
    });
  });

  describe('/sandbox/erp/faults, /stats, /documents and /reset', () => {
    it('answers 401 without a Lanegate token and 403 without the ops scope', async () => {
      const anonymous = await fetch(url('/faults'), {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ errorRate: 1 }),
      });
      const portal = await fetch(url('/stats'), {
        headers: { authorization: sandbox.bearer(['portal'], { customerId: 'C-1001' }) },
      });

      expect(anonymous.status).toBe(401);
      expect((await json(anonymous)).code).toBe('UNAUTHENTICATED');
      expect(portal.status).toBe(403);
    });

    it('changes only the faults given, and DELETE restores the defaults', async () => {
      const changed = await json(await opsCall('PUT', '/faults', { latencyMs: 40 }));
      const restored = await opsCall('DELETE', '/faults');

      expect(changed).toEqual({ ...QUIET_FAULTS, latencyMs: 40 });
      expect(restored.status).toBe(200);
      expect(await json(restored)).toEqual({
        quotaPerSecond: 20,
        latencyMs: 0,
        errorRate: 0,
        maintenance: null,
        tokenTtlSeconds: 900,
        postingRejection: null,
      });
    });

    it('refuses new invoice postings with the configured rejection until it is lifted, still answering repeats', async () => {
      const before = await erpPost('/invoices', invoiceRequest({ externalReference: 'LG-INV-BEFORE-CLOSE' }));
      const rejection = { code: 'PERIOD_CLOSED', detail: 'Accounting period 2026-12 is closed for posting.' };
      expect((await json(await opsCall('PUT', '/faults', { postingRejection: rejection }))).postingRejection).toEqual(
        rejection,
      );

      const refused = await erpPost('/invoices', invoiceRequest({ externalReference: 'LG-INV-IN-CLOSED-PERIOD' }));
      const repeat = await erpPost('/invoices', invoiceRequest({ externalReference: 'LG-INV-BEFORE-CLOSE' }));
      await opsCall('PUT', '/faults', { postingRejection: null });
      const after = await erpPost('/invoices', invoiceRequest({ externalReference: 'LG-INV-IN-CLOSED-PERIOD' }));

      expect(before.status).toBe(201);
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(await json(refused)).toMatchObject({ code: 'PERIOD_CLOSED', detail: rejection.detail });
      expect(repeat.status).toBe(200);
      expect(after.status).toBe(201);
    });

    it("changes a customer's master data until a reset restores the seed", async () => {
      const changed = await opsCall('PUT', '/master-data/customers/C-1002', { status: 'on_hold', poRequired: false });
      const seen = await json(await erpGet('/customers/C-1002'));
      const credit = await json(await erpPost('/credit-checks', { customerId: 'C-1002', amountCents: 100 }));
      const unknown = await opsCall('PUT', '/master-data/customers/C-9999', { status: 'active' });
      const invalid = await opsCall('PUT', '/master-data/customers/C-1002', { status: 'frozen' });
      await opsCall('POST', '/reset');
      const restored = await json(await erpGet('/customers/C-1002'));

      expect(changed.status).toBe(200);
      expect(await json(changed)).toEqual({
        id: 'C-1002',
        status: 'on_hold',
        creditLimitCents: 25_000_000,
        poRequired: false,
        rejectsTax: false,
      });
      expect(seen).toMatchObject({ status: 'on_hold', poRequired: false });
      expect(credit).toMatchObject({ approved: false, reason: 'Customer C-1002 is on credit hold.' });
      expect(unknown.status).toBe(404);
      expect(invalid.status).toBe(400);
      expect((await json(invalid)).errors.map((error: any) => error.field)).toEqual(['status']);
      expect(restored).toMatchObject({ status: 'active', poRequired: true });
    });

    it('rejects a maintenance window that ends before it starts, and an error rate above 1', async () => {
      const window = await opsCall('PUT', '/faults', {
        maintenance: { startsAt: '2026-12-08T02:30:00Z', endsAt: '2026-12-08T02:00:00Z' },
      });
      const rate = await opsCall('PUT', '/faults', { errorRate: 1.5 });

      expect(window.status).toBe(400);
      expect(rate.status).toBe(400);
      expect((await json(rate)).errors.map((error: any) => error.field)).toEqual(['errorRate']);
    });

    it('counts calls by operation and status, excluding its own routes, until a reset', async () => {
      await erpPost('/invoices', invoiceRequest());
      await erpPost('/invoices', invoiceRequest());
      const counted = await stats();
      expect((await opsCall('POST', '/reset')).status).toBe(204);
      const cleared = await stats();

      expect(counted).toEqual({
        tenant: 'lanegate-demo-tenant',
        calls: { 'POST /invoices 200': 1, 'POST /invoices 201': 1 },
        served429: 0,
        served503: 0,
        served500: 0,
        documents: 1,
      });
      expect(cleared).toMatchObject({ calls: {}, documents: 0 });
      expect((await erpGet('/customers/C-1001')).status).toBe(200);
    });
  });

  describe('GET /docs/sandbox/openapi.json', () => {
    it('documents every ERP operation with a summary', async () => {
      const document = await json(await fetch(`${sandbox.baseUrl}/docs/sandbox/openapi.json`));
      const erpPaths = Object.keys(document.paths).filter((path) => path.startsWith('/sandbox/erp/'));
      const operations = erpPaths.flatMap((path) => Object.values<any>(document.paths[path]));

      expect(erpPaths).toEqual(
        expect.arrayContaining([
          '/sandbox/erp/oauth/token',
          '/sandbox/erp/customers/{customerId}',
          '/sandbox/erp/customers/{customerId}/contract',
          '/sandbox/erp/fuel-surcharge',
          '/sandbox/erp/tax-quotes',
          '/sandbox/erp/credit-checks',
          '/sandbox/erp/invoices',
          '/sandbox/erp/credit-memos',
          '/sandbox/erp/documents',
          '/sandbox/erp/stats',
          '/sandbox/erp/faults',
          '/sandbox/erp/reset',
        ]),
      );
      expect(operations.filter((operation) => !operation.summary)).toEqual([]);
    });
  });
});
