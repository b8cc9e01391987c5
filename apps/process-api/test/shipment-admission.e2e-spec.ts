import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import { call, STOPS } from './dispatch-fixtures.js';
import { startProcessLayer } from './process-layer.js';

const PROBLEM_JSON = 'application/problem+json';

describe('POST /process/v1/shipments', () => {
  let app: TestApp;
  let ops: string;

  const order = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    customerId: 'C-1001',
    purchaseOrder: 'PO-88123',
    routeMiles: 410,
    stops: STOPS,
    ...overrides,
  });
  const create = (body: Record<string, unknown>) => call(app, ops, 'POST', '/process/v1/shipments', body);
  const sandbox = (method: string, path: string, body?: unknown) => call(app, ops, method, `/sandbox/erp${path}`, body);

  beforeAll(async () => {
    app = await startProcessLayer();
    ops = app.bearer(['ops']);
  });

  beforeEach(async () => {
    await sandbox('DELETE', '/faults');
    await sandbox('POST', '/reset');
    // The system layer would otherwise answer from the master data it cached in an earlier test.
    await call(app, ops, 'POST', '/system/v1/erp/cache-invalidations', {});
  });

  afterAll(async () => {
    await app?.dispose();
  });

  describe('success', () => {
    it('answers 201 with the shipment and its quote: linehaul and fuel surcharge on the ordered miles', async () => {
      const created = await create(order());

      expect(created.status).toBe(201);
      // 410 mi at 285 cents; diesel at 399 cents on the pickup date (2026-12-07) is the 48 cents/mi band.
      expect(created.body).toMatchObject({
        id: expect.stringMatching(/^SHP-/),
        status: 'created',
        quote: {
          contractId: 'CTR-2026-1001',
          laneId: 'LN-1001-01',
          currency: 'USD',
          linehaulCents: 116_850,
          fuelSurchargeCents: 19_680,
          totalCents: 136_530,
        },
      });
      const fetched = await call(app, ops, 'GET', `/process/v1/shipments/${created.body.id}`);
      expect(fetched.body.quote).toEqual(created.body.quote);
    });

    it('records the checks on the timeline', async () => {
      const created = await create(order());
      const timeline = await call(app, ops, 'GET', `/process/v1/shipments/${created.body.id}/timeline`);

      expect(timeline.body.items).toContainEqual(
        expect.objectContaining({
          kind: 'erp.order_checked',
          source: 'erp',
          details: expect.objectContaining({ laneId: 'LN-1001-01', totalCents: 136_530 }),
        }),
      );
    });
  });

  describe('failure', () => {
    const refusal = async (body: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const answer = await create(body);
      expect(answer.status).toBe(422);
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);

      return answer.body;
    };

    it('refuses a customer the ERP does not know', async () => {
      expect(await refusal(order({ customerId: 'C-9999' }))).toMatchObject({
        code: 'CUSTOMER_NOT_FOUND',
        check: 'customer',
        detail: 'The ERP has no customer C-9999.',
      });
    });

    it('refuses a customer on credit hold', async () => {
      const body = await refusal(order({ customerId: 'C-1003' }));

      expect(body).toMatchObject({ code: 'CUSTOMER_NOT_ACTIVE', check: 'customer' });
      expect(body.detail).toContain('on hold');
    });

    it('refuses a lane the contract does not price, naming both ends', async () => {
      const stops = [STOPS[0], { ...STOPS[1], city: 'Denver', region: 'CO', postalCode: '80202' }];

      expect(await refusal(order({ stops }))).toMatchObject({
        code: 'NO_CONTRACT_LANE',
        check: 'contract_lane',
        detail: 'Contract CTR-2026-1001 of customer C-1001 has no lane from Chicago IL to Denver CO.',
      });
    });

    it('refuses a per-mile lane without route miles', async () => {
      expect(await refusal(order({ routeMiles: undefined }))).toMatchObject({
        code: 'ROUTE_MILES_REQUIRED',
        check: 'quote',
      });
    });

    it('refuses an order the ERP will not give credit for', async () => {
      await sandbox('PUT', '/master-data/customers/C-1001', { creditLimitCents: 12_500_000 });
      const before = (await call(app, ops, 'GET', '/process/v1/shipments?customerId=C-1001')).body.total;
      const body = await refusal(order());

      expect(body).toMatchObject({ code: 'CREDIT_CHECK_FAILED', check: 'credit' });
      expect(body.detail).toBe('The amount of 136530 cents exceeds the available credit of 50000 cents.');
      expect((await call(app, ops, 'GET', '/process/v1/shipments?customerId=C-1001')).body.total).toBe(before);
    });

    it('answers 503 with Retry-After, never 500, while the ERP is in maintenance', async () => {
      const now = Date.now();
      await sandbox('PUT', '/faults', {
        maintenance: { startsAt: new Date(now - 1_000).toISOString(), endsAt: new Date(now + 60_000).toISOString() },
      });
      const before = (await call(app, ops, 'GET', '/process/v1/shipments')).body.total;
      const answer = await create(order());

      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(answer.body).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
      expect((await call(app, ops, 'GET', '/process/v1/shipments')).body.total).toBe(before);
    });
  });
});
