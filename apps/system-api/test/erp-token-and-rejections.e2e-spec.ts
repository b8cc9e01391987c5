import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ErpTestBed, type HttpAnswer, invoiceFor, metricValue } from './erp-sandbox.js';

const PROBLEM_JSON = 'application/problem+json';
/** The sandbox ERP's reason for customer C-1004, whose tax data it is seeded to reject. */
const C1004_TAX_REASON =
  'The exemption certificate on file for customer C-1004 in US-MI expired on 2026-09-30; tax cannot be ' +
  'determined until a valid certificate is recorded.';

function taxQuoteFor(customerId: string): Record<string, unknown> {
  return {
    customerId,
    shipTo: { region: 'OH', postalCode: '43215', country: 'US' },
    lines: [{ kind: 'linehaul', amountCents: 101460 }],
  };
}

describe('ERP access tokens', () => {
  let bed: ErpTestBed;

  beforeAll(async () => {
    bed = await ErpTestBed.start();
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('renews a short-lived token before the ERP expires it, so no call is answered 401', async () => {
    await bed.setFaults({ tokenTtlSeconds: 1 });

    const answers: HttpAnswer[] = [];
    for (let call = 0; call < 12; call += 1) {
      answers.push(await bed.callSystem('POST', '/system/v1/erp/tax-quotes', taxQuoteFor('C-1001')));
      await sleep(200);
    }

    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    const stats = await bed.stats();
    expect(stats.calls['POST /tax-quotes 401']).toBeUndefined();
    expect(stats.calls['POST /tax-quotes 200']).toBe(12);
    // 2.4 s of calls under tokens that live 1 s: renewed on the way, never after a refusal.
    expect(stats.calls['POST /oauth/token 200']).toBeGreaterThanOrEqual(3);
    await bed.setFaults({ tokenTtlSeconds: 900 });
  });

  it('fetches exactly one new token and repeats the call once when the ERP refuses its token with 401', async () => {
    const warmUp = await bed.callSystem('GET', '/system/v1/erp/customers/C-1001');
    expect(warmUp.status).toBe(200);
    await bed.callSandbox('POST', '/sandbox/erp/reset');
    await bed.expireTokens();

    const answer = await bed.callSystem('GET', '/system/v1/erp/customers/C-1002');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'C-1002', name: 'Lakeshore Foods LLC' });
    const stats = await bed.stats();
    expect(stats.calls).toEqual({
      'GET /customers/{customerId} 401': 1,
      'POST /oauth/token 200': 1,
      'GET /customers/{customerId} 200': 1,
    });
    const scrape = await bed.metrics();
    expect(
      metricValue(scrape, 'lanegate_erp_call_duration_seconds_count', { operation: 'customer', status: '401' }),
    ).toBe(1);
    // A token renewal is not a retry: the retry budget stays for a failing ERP.
    expect(metricValue(scrape, 'lanegate_erp_retries_total', { operation: 'customer' })).toBe(0);
  });

  it('shares one new token among calls refused with 401 at the same time', async () => {
    await bed.callSandbox('POST', '/sandbox/erp/reset');
    await bed.expireTokens();

    const answers = await Promise.all(
      Array.from({ length: 5 }, () => bed.callSystem('POST', '/system/v1/erp/tax-quotes', taxQuoteFor('C-1001'))),
    );

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    const { calls } = await bed.stats();
    expect(calls['POST /oauth/token 200']).toBe(1);
    expect(calls['POST /tax-quotes 200']).toBe(5);
    expect(calls['POST /tax-quotes 401']).toBeGreaterThanOrEqual(1);
  });
});

describe('ERP rejections', () => {
  let bed: ErpTestBed;

  beforeAll(async () => {
    bed = await ErpTestBed.start();
  });

  beforeEach(async () => {
    await bed.callSandbox('POST', '/sandbox/erp/reset');
  });

  afterAll(async () => {
    await bed?.close();
  });

  /** The ERP calls the sandbox counted, without the token requests. */
  async function erpCalls(): Promise<Record<string, number>> {
    const { calls } = await bed.stats();

    return Object.fromEntries(Object.entries(calls).filter(([operation]) => !operation.startsWith('POST /oauth/')));
  }

  describe('POST /system/v1/erp/tax-quotes', () => {
    it("answers 422 TAX_VALIDATION_FAILED as problem+json with the ERP's own reason, after one call", async () => {
      const answer = await bed.callSystem('POST', '/system/v1/erp/tax-quotes', taxQuoteFor('C-1004'));

      expect(answer.status).toBe(422);
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(answer.body).toMatchObject({
        status: 422,
        code: 'TAX_VALIDATION_FAILED',
        title: 'Tax validation failed',
        detail: C1004_TAX_REASON,
        source: 'erp',
      });
      expect(answer.body.correlationId).toEqual(expect.any(String));
      expect(answer.headers.get('retry-after')).toBeNull();
      expect(await erpCalls()).toEqual({ 'POST /tax-quotes 422': 1 });
    });
  });

  describe('POST /system/v1/erp/invoices', () => {
    it('answers 422 TAX_VALIDATION_FAILED after one call and posts nothing', async () => {
      const answer = await bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor('INV-REJECTED', 'C-1004'));

      expect(answer.status).toBe(422);
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(answer.body).toMatchObject({ code: 'TAX_VALIDATION_FAILED', detail: C1004_TAX_REASON, source: 'erp' });
      expect(await erpCalls()).toEqual({ 'POST /invoices 422': 1 });
      expect(await bed.documents()).toEqual([]);
    });

    it('answers 404 CUSTOMER_NOT_FOUND for an unknown customer after one call', async () => {
      const answer = await bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor('INV-NOBODY', 'C-9999'));

      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', detail: 'No customer with id C-9999 exists.' });
      expect(await erpCalls()).toEqual({ 'POST /invoices 404': 1 });
    });
  });

  describe('GET /system/v1/erp/customers/:customerId', () => {
    it('answers 404 CUSTOMER_NOT_FOUND with the ERP reason after one call, and does not cache the miss', async () => {
      const first = await bed.callSystem('GET', '/system/v1/erp/customers/C-9999');
      const calledOnce = await erpCalls();
      const second = await bed.callSystem('GET', '/system/v1/erp/customers/C-9999');

      expect(first.status).toBe(404);
      expect(first.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(first.body).toMatchObject({
        status: 404,
        code: 'CUSTOMER_NOT_FOUND',
        detail: 'No customer with id C-9999 exists.',
        source: 'erp',
      });
      expect(calledOnce).toEqual({ 'GET /customers/{customerId} 404': 1 });
      expect(second.status).toBe(404);
      expect(await erpCalls()).toEqual({ 'GET /customers/{customerId} 404': 2 });
      const scrape = await bed.metrics();
      expect(metricValue(scrape, 'lanegate_erp_retries_total')).toBe(0);
    });
  });
});
