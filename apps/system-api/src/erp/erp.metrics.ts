import { Counter, Gauge, Histogram, register } from 'prom-client';

/** Where an ERP call sits in the queue for the quota, and which policies it runs under. */
export const ERP_TRANSACTIONS = ['posting', 'reference', 'reconciliation'] as const;
export type ErpTransaction = (typeof ERP_TRANSACTIONS)[number];

/** Circuit states as the gauge reports them. */
export const CIRCUIT_GAUGE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;
export type CircuitGaugeState = keyof typeof CIRCUIT_GAUGE_VALUE;

/** Anything that can say what state its circuit for a transaction type is in (one per hosted system layer). */
export interface CircuitStateSource {
  circuitState(transaction: ErpTransaction): CircuitGaugeState;
}

export interface ErpMetrics {
  callSeconds: Histogram<'operation' | 'status'>;
  retries: Counter<'transaction' | 'operation' | 'reason'>;
  limiterQueueDepth: Gauge<'tenant' | 'transaction'>;
  limiterWaitSeconds: Histogram<'tenant' | 'transaction'>;
  cacheLookups: Counter<'kind' | 'outcome'>;
}

const circuitSources = new Set<CircuitStateSource>();

function existing<T>(name: string): T | undefined {
  return register.getSingleMetric(name) as T | undefined;
}

function registerCircuitGauge(): void {
  if (existing('lanegate_erp_circuit_state')) {
    return;
  }
  new Gauge({
    name: 'lanegate_erp_circuit_state',
    help: 'State of the ERP circuit breaker per transaction type: 0 closed, 1 half-open, 2 open.',
    labelNames: ['transaction'],
    collect() {
      this.reset();
      if (circuitSources.size === 0) {
        return;
      }
      for (const transaction of ERP_TRANSACTIONS) {
        // A process hosting the system layer twice (tests) reports the worst state.
        const worst = Math.max(...[...circuitSources].map((s) => CIRCUIT_GAUGE_VALUE[s.circuitState(transaction)]));
        this.set({ transaction }, worst);
      }
    },
  });
}

/** Reports a gate's circuits in `lanegate_erp_circuit_state` until {@link forgetCircuitSource}. */
export function watchCircuitSource(source: CircuitStateSource): void {
  registerCircuitGauge();
  circuitSources.add(source);
}

export function forgetCircuitSource(source: CircuitStateSource): void {
  circuitSources.delete(source);
}

/** The ERP adapter's metrics, created once per process however many system layers it hosts. */
export function erpMetrics(): ErpMetrics {
  return {
    callSeconds:
      existing('lanegate_erp_call_duration_seconds') ??
      new Histogram({
        name: 'lanegate_erp_call_duration_seconds',
        help: 'Latency of one ERP call (queueing excluded), by operation and HTTP status, timeout or network.',
        labelNames: ['operation', 'status'],
        buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      }),
    retries:
      existing('lanegate_erp_retries_total') ??
      new Counter({
        name: 'lanegate_erp_retries_total',
        help: 'ERP calls tried again, by transaction type, operation and reason (quota, unavailable, timeout, network).',
        labelNames: ['transaction', 'operation', 'reason'],
      }),
    limiterQueueDepth:
      existing('lanegate_erp_limiter_queue_depth') ??
      new Gauge({
        name: 'lanegate_erp_limiter_queue_depth',
        help: "ERP calls of this process waiting for the tenant's quota, by transaction type.",
        labelNames: ['tenant', 'transaction'],
      }),
    limiterWaitSeconds:
      existing('lanegate_erp_limiter_wait_seconds') ??
      new Histogram({
        name: 'lanegate_erp_limiter_wait_seconds',
        help: "Time an ERP call waited for the tenant's quota before it was sent.",
        labelNames: ['tenant', 'transaction'],
        buckets: [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      }),
    cacheLookups:
      existing('lanegate_erp_cache_lookups_total') ??
      new Counter({
        name: 'lanegate_erp_cache_lookups_total',
        help: 'ERP master data lookups by kind (customer, contract, fuel) and outcome (hit, miss).',
        labelNames: ['kind', 'outcome'],
      }),
  };
}
