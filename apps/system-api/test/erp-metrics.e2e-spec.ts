import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpTestBed, invoiceFor, metricValue } from './erp-sandbox.js';

const TENANT = 'metrics-tenant';
const QUOTA_PER_SECOND = 20;

function taxQuote(): Record<string, unknown> {
  return {
    customerId: 'C-1001',
    shipTo: { region: 'OH', postalCode: '43215', country: 'US' },
    lines: [{ kind: 'linehaul', amountCents: 101460 }],
  };
}

/** The value of one gauge series whose labels include all of `labels`, or undefined when it is not exposed. */
function gaugeValue(scrape: string, name: string, labels: Record<string, string>): number | undefined {
  const line = scrape
    .split('\n')
    .find(
      (candidate) =>
        candidate.startsWith(`${name}{`) &&
        Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)),
    );

  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics after ERP calls', () => {
  let bed: ErpTestBed;

  beforeAll(async () => {
    bed = await ErpTestBed.start({
      env: { ERP_TENANT: TENANT, ERP_QUOTA_PER_SECOND: String(QUOTA_PER_SECOND) },
    });
    await bed.setFaults({ quotaPerSecond: QUOTA_PER_SECOND });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('exposes the ERP call latency by operation and status', async () => {
    await bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor('INV-METRICS-1'));
    await bed.callSystem('GET', '/system/v1/erp/customers/C-9999');

    const scrape = await bed.metrics();

    expect(scrape).toContain('# TYPE lanegate_erp_call_duration_seconds histogram');
    const count = (labels: Record<string, string>): number =>
      metricValue(scrape, 'lanegate_erp_call_duration_seconds_count', labels);
    expect(count({ operation: 'postInvoice', status: '201' })).toBe(1);
    expect(count({ operation: 'customer', status: '404' })).toBe(1);
    expect(
      metricValue(scrape, 'lanegate_erp_call_duration_seconds_bucket', {
        operation: 'postInvoice',
        status: '201',
        le: '+Inf',
      }),
    ).toBe(1);
  });

  it('shows calls queued for the quota while a burst is spaced, and how long they waited', async () => {
    const burst = Array.from({ length: 60 }, (_, index) =>
      bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor(`INV-METRICS-BURST-${index}`)),
    );
    await sleep(500);
    const during = await bed.metrics();
    const answers = await Promise.all(burst);
    const after = await bed.metrics();

    expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    const labels = { tenant: TENANT, transaction: 'posting' };
    expect(during).toContain('# TYPE lanegate_erp_limiter_queue_depth gauge');
    // 60 calls at 19 a second: after half a second most of them are still waiting.
    expect(gaugeValue(during, 'lanegate_erp_limiter_queue_depth', labels)).toBeGreaterThan(20);
    expect(gaugeValue(after, 'lanegate_erp_limiter_queue_depth', labels)).toBe(0);
    expect(after).toContain('# TYPE lanegate_erp_limiter_wait_seconds histogram');
    expect(metricValue(after, 'lanegate_erp_limiter_wait_seconds_count', labels)).toBe(61);
    // The last of the burst waited about three seconds, so the waits add up to far more than a minute's fraction.
    expect(metricValue(after, 'lanegate_erp_limiter_wait_seconds_sum', labels)).toBeGreaterThan(30);
    expect((await bed.stats()).served429).toBe(0);
  }, 20_000);

  it('counts retries by transaction, operation and reason', async () => {
    await bed.setFaults({ errorRate: 1 });
    const answer = await bed.callSystem('POST', '/system/v1/erp/tax-quotes', taxQuote());
    await bed.setFaults({ errorRate: 0 });

    const scrape = await bed.metrics();

    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('ERP_UNAVAILABLE');
    expect(scrape).toContain('# TYPE lanegate_erp_retries_total counter');
    // The reference policy allows two attempts after the first.
    expect(
      metricValue(scrape, 'lanegate_erp_retries_total', {
        transaction: 'reference',
        operation: 'quoteTax',
        reason: 'unavailable',
      }),
    ).toBe(2);
    expect(
      metricValue(scrape, 'lanegate_erp_call_duration_seconds_count', { operation: 'quoteTax', status: '500' }),
    ).toBe(3);
  }, 20_000);

  // Last: it leaves the reference circuit open.
  it('reports each circuit closed, then the reference circuit open after repeated failures', async () => {
    const closed = await bed.metrics();
    await bed.setFaults({ errorRate: 1 });
    // Three failed attempts each (one and two retries): the fifth consecutive failure opens the circuit.
    await bed.callSystem('POST', '/system/v1/erp/tax-quotes', taxQuote());
    await bed.callSystem('POST', '/system/v1/erp/tax-quotes', taxQuote());
    await bed.setFaults({ errorRate: 0 });
    const open = await bed.metrics();

    expect(closed).toContain('# TYPE lanegate_erp_circuit_state gauge');
    for (const transaction of ['posting', 'reference', 'reconciliation']) {
      expect({ transaction, state: gaugeValue(closed, 'lanegate_erp_circuit_state', { transaction }) }).toEqual({
        transaction,
        state: 0,
      });
    }
    expect(gaugeValue(open, 'lanegate_erp_circuit_state', { transaction: 'reference' })).toBe(2);
    expect(gaugeValue(open, 'lanegate_erp_circuit_state', { transaction: 'posting' })).toBe(0);
  }, 20_000);
});
