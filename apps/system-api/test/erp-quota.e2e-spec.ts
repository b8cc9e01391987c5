import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ErpTestBed, invoiceFor } from './erp-sandbox.js';

const INVOICES = 200;
const QUOTA_PER_SECOND = 20;

describe('POST /system/v1/erp/invoices within the ERP quota', () => {
  let bed: ErpTestBed;

  beforeAll(async () => {
    bed = await ErpTestBed.start({ env: { ERP_QUOTA_PER_SECOND: String(QUOTA_PER_SECOND) } });
    await bed.setFaults({ quotaPerSecond: QUOTA_PER_SECOND });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('posts 200 invoices fired at once without a single 429 from the ERP, spaced by the limiter', async () => {
    const invoiceIds = Array.from({ length: INVOICES }, (_, index) => `INV-QUOTA-${String(index).padStart(3, '0')}`);

    const startedAt = performance.now();
    const answers = await Promise.all(
      invoiceIds.map((invoiceId) => bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor(invoiceId))),
    );
    const elapsedMs = performance.now() - startedAt;
    process.stdout.write(
      `[erp-quota] ${INVOICES} postings at ${QUOTA_PER_SECOND}/s took ${Math.round(elapsedMs)} ms\n`,
    );

    expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
    const stats = await bed.stats();
    expect(stats.served429).toBe(0);
    expect(stats.calls['POST /invoices 201']).toBe(INVOICES);
    const documents = await bed.documents();
    expect(documents).toHaveLength(INVOICES);
    expect(new Set(documents.map((document) => document.externalReference))).toEqual(new Set(invoiceIds));
    // 200 calls at 20 a second need at least 9 s after the first second's burst, however fast the ERP answers.
    expect(elapsedMs).toBeGreaterThanOrEqual(9_000);
  }, 45_000);
});
