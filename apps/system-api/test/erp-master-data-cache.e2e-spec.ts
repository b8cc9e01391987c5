import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ErpTestBed, metricValue } from './erp-sandbox.js';

/** The master data routes, and the call each one makes to the ERP. */
const READS = [
  { route: '/system/v1/erp/customers/C-1001', erpCall: 'GET /customers/{customerId} 200' },
  { route: '/system/v1/erp/customers/C-1001/contract', erpCall: 'GET /customers/{customerId}/contract 200' },
  { route: '/system/v1/erp/fuel-surcharge', erpCall: 'GET /fuel-surcharge 200' },
] as const;

describe('ERP master data cache', () => {
  let bed: ErpTestBed;

  const readAll = async (): Promise<number[]> => {
    const statuses: number[] = [];
    for (const { route } of READS) {
      statuses.push((await bed.callSystem('GET', route)).status);
    }

    return statuses;
  };
  const erpCallsOf = async (): Promise<number[]> => {
    const { calls } = await bed.stats();

    return READS.map(({ erpCall }) => calls[erpCall] ?? 0);
  };
  const invalidate = (body: Record<string, string>) =>
    bed.callSystem('POST', '/system/v1/erp/cache-invalidations', body);

  beforeAll(async () => {
    bed = await ErpTestBed.start();
  });

  beforeEach(async () => {
    await invalidate({});
    await bed.callSandbox('POST', '/sandbox/erp/reset');
  });

  afterAll(async () => {
    await bed?.close();
  });

  describe('GET /system/v1/erp/customers/:customerId, /contract and /fuel-surcharge', () => {
    it('asks the ERP once for a customer, a contract and the fuel table read twice within the TTL', async () => {
      const first = await Promise.all(READS.map(({ route }) => bed.callSystem('GET', route)));
      const second = await Promise.all(READS.map(({ route }) => bed.callSystem('GET', route)));

      expect(first.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect(second.map((answer) => answer.body)).toEqual(first.map((answer) => answer.body));
      expect(first[0].body).toMatchObject({ id: 'C-1001' });
      expect(first[1].body).toMatchObject({ customerId: 'C-1001' });
      expect(first[2].body.table.bands.length).toBeGreaterThan(0);
      expect(await erpCallsOf()).toEqual([1, 1, 1]);
    });

    it('shares one ERP call among concurrent reads of the same customer', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => bed.callSystem('GET', '/system/v1/erp/customers/C-1002')),
      );

      expect(answers.map((answer) => answer.status)).toEqual(Array<number>(10).fill(200));
      expect((await bed.stats()).calls['GET /customers/{customerId} 200']).toBe(1);
    });

    it('counts hits and misses by kind on GET /metrics', async () => {
      const before = await bed.metrics();
      await readAll();
      await readAll();
      await readAll();
      const after = await bed.metrics();

      const delta = (kind: string, outcome: string): number =>
        metricValue(after, 'lanegate_erp_cache_lookups_total', { kind, outcome }) -
        metricValue(before, 'lanegate_erp_cache_lookups_total', { kind, outcome });
      expect(after).toContain('# TYPE lanegate_erp_cache_lookups_total counter');
      for (const kind of ['customer', 'contract', 'fuel']) {
        expect({ kind, misses: delta(kind, 'miss'), hits: delta(kind, 'hit') }).toEqual({ kind, misses: 1, hits: 2 });
      }
    });
  });

  describe('POST /system/v1/erp/cache-invalidations', () => {
    it('makes the next read of every kind reach the ERP when the body is empty', async () => {
      await readAll();
      const invalidated = await invalidate({});
      await readAll();

      expect(invalidated.status).toBe(200);
      expect(invalidated.body).toEqual({ invalidated: 3 });
      expect(await erpCallsOf()).toEqual([2, 2, 2]);
    });

    it('drops only the selected entry: one customer, other customers and kinds stay cached', async () => {
      await readAll();
      await bed.callSystem('GET', '/system/v1/erp/customers/C-1002');
      const invalidated = await invalidate({ kind: 'customer', key: 'C-1001' });
      await readAll();
      await bed.callSystem('GET', '/system/v1/erp/customers/C-1002');

      expect(invalidated.body).toEqual({ invalidated: 1 });
      // C-1001 read three times (two misses), C-1002 twice (one miss); contract and fuel table once each.
      expect(await erpCallsOf()).toEqual([3, 1, 1]);
    });

    it('answers 400 to a kind it does not cache', async () => {
      const answer = await invalidate({ kind: 'invoice' });

      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('ERP master data cache with a one-second TTL', () => {
  let bed: ErpTestBed;

  beforeAll(async () => {
    bed = await ErpTestBed.start({ env: { ERP_CACHE_TTL_SECONDS: '1' } });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('asks the ERP again once an entry is older than the TTL', async () => {
    await bed.callSystem('GET', '/system/v1/erp/customers/C-1001');
    await bed.callSystem('GET', '/system/v1/erp/customers/C-1001');
    await sleep(1_100);
    await bed.callSystem('GET', '/system/v1/erp/customers/C-1001');

    expect((await bed.stats()).calls['GET /customers/{customerId} 200']).toBe(2);
  });
});
