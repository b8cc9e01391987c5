import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpTestBed, invoiceFor, postUntilPosted } from './erp-sandbox.js';

const INVOICES = 100;

describe('POST /system/v1/erp/invoices across an ERP maintenance window', () => {
  let bed: ErpTestBed;

  beforeAll(async () => {
    bed = await ErpTestBed.start();
    await bed.setFaults({ quotaPerSecond: 20 });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('posts every invoice exactly once when a 10-second window opens 2 seconds into the run', async () => {
    const invoiceIds = Array.from({ length: INVOICES }, (_, index) => `INV-MAINT-${String(index).padStart(3, '0')}`);
    const startsAt = Date.now() + 2_000;
    await bed.setFaults({
      maintenance: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 10_000).toISOString() },
    });

    const startedAt = performance.now();
    const results = await Promise.all(invoiceIds.map((invoiceId) => postUntilPosted(bed, invoiceId)));
    const elapsedMs = performance.now() - startedAt;
    const turnedAway = results.reduce((sum, result) => sum + result.unavailable, 0);
    process.stdout.write(
      `[erp-maintenance] ${INVOICES} postings across the window took ${Math.round(elapsedMs)} ms; ` +
        `${turnedAway} answers were 503 ERP_UNAVAILABLE\n`,
    );

    expect(results.filter(({ answer }) => answer.status !== 201)).toEqual([]);
    expect(turnedAway).toBeGreaterThan(0);
    const stats = await bed.stats();
    expect(stats.served503).toBeGreaterThan(0);
    // The circuit opened: far fewer calls reached the ERP during the window than were turned away.
    expect(stats.served503).toBeLessThan(turnedAway);
    expect(stats.served429).toBe(0);
    const documents = await bed.documents();
    expect(documents).toHaveLength(INVOICES);
    expect(new Set(documents.map((document) => document.externalReference))).toEqual(new Set(invoiceIds));
  }, 55_000);

  it("answers 503 ERP_UNAVAILABLE at once, with the window's Retry-After, when the ERP is down for longer", async () => {
    const now = Date.now();
    await bed.setFaults({
      maintenance: { startsAt: new Date(now - 1_000).toISOString(), endsAt: new Date(now + 30_000).toISOString() },
    });

    const refusedBefore = (await bed.stats()).calls['POST /invoices 503'] ?? 0;
    const answer = await bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor('INV-MAINT-DOWN'));
    const refusedAfter = (await bed.stats()).calls['POST /invoices 503'] ?? 0;
    await bed.setFaults({ maintenance: null });

    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ code: 'ERP_UNAVAILABLE', status: 503 });
    expect(answer.body.detail).toContain('ERP_MAINTENANCE');
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(25);
    // Too long a pause to hold the caller for: it is told after the one refused call, without a retry.
    expect(refusedAfter - refusedBefore).toBe(1);
  });
});
