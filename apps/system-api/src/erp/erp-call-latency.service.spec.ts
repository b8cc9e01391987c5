import { describe, expect, it } from 'vitest';

import { ErpCallLatency } from './erp-call-latency.service.js';

describe(ErpCallLatency.name, () => {
  it('reports p50 and p95 overall and per operation', async () => {
    const latency = new ErpCallLatency();
    for (let ms = 1; ms <= 20; ms += 1) {
      latency.record({ operation: 'postInvoice', status: '201', durationMs: ms * 10 }, 1_000);
    }
    latency.record({ operation: 'getCustomer', status: '200', durationMs: 5 }, 1_000);

    const report = await latency.report(2_000);

    expect(report).toMatchObject({ windowSeconds: 900, scope: 'this_process', samples: 21, p50Ms: 100, p95Ms: 190 });
    expect(report.byOperation).toEqual([
      { operation: 'getCustomer', samples: 1, p50Ms: 5, p95Ms: 5 },
      { operation: 'postInvoice', samples: 20, p50Ms: 100, p95Ms: 190 },
    ]);
  });

  it('forgets calls older than fifteen minutes', async () => {
    const latency = new ErpCallLatency();
    latency.record({ operation: 'postInvoice', status: '201', durationMs: 900 }, 0);
    latency.record({ operation: 'postInvoice', status: '201', durationMs: 40 }, 15 * 60_000);

    expect(await latency.report(15 * 60_000 + 1)).toMatchObject({ samples: 1, p50Ms: 40, p95Ms: 40 });
  });
});
