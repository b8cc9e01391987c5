import { setTimeout as sleep } from 'node:timers/promises';

import { SandboxModule } from '@lanegate/sandbox';
import { startTestApp, type TestApp } from '@lanegate/platform/testing';

import { SystemApiModule } from '../src/system-api.module.js';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** The sandbox ERP's faults, as `PUT /sandbox/erp/faults` takes them. */
export interface ErpFaults {
  quotaPerSecond?: number;
  latencyMs?: number;
  errorRate?: number;
  maintenance?: { startsAt: string; endsAt: string } | null;
  tokenTtlSeconds?: number;
}

export interface ErpStats {
  tenant: string;
  calls: Record<string, number>;
  served429: number;
  served503: number;
  served500: number;
  documents: number;
}

/** A document as the sandbox ERP's inspection route shows it. */
export interface HeldDocument {
  documentNumber: string;
  type: 'invoice' | 'credit_memo';
  externalReference: string;
  idempotencyKey?: string;
  customerId: string;
  totalCents: number;
  creditsDocumentNumber?: string;
}

/**
 * The sandbox ERP and one or more system layers in front of it, each its own app on its own port, so the adapter
 * reaches the ERP over HTTP as it does in production.
 */
export class ErpTestBed {
  private constructor(
    readonly sandbox: TestApp,
    readonly systems: TestApp[],
  ) {}

  /** Starts the sandbox first, then the system layers with `ERP_BASE_URL` pointing at it. */
  static async start(options: { env?: Record<string, string>; systems?: number } = {}): Promise<ErpTestBed> {
    const sandbox = await startTestApp({ app: 'sandbox', layers: [SandboxModule] });
    const systems: TestApp[] = [];
    try {
      for (let index = 0; index < (options.systems ?? 1); index += 1) {
        systems.push(
          await startTestApp({
            app: 'system-api',
            layers: [SystemApiModule],
            env: { ERP_BASE_URL: `${sandbox.baseUrl}/sandbox/erp`, ...options.env },
          }),
        );
      }
    } catch (error) {
      await Promise.all([...systems, sandbox].map((app) => app.dispose()));
      throw error;
    }

    return new ErpTestBed(sandbox, systems);
  }

  get system(): TestApp {
    return this.systems[0];
  }

  /** Calls a system layer's ERP route with an `internal` token, as the process layer does. */
  async callSystem(method: string, path: string, body?: unknown, system = this.system): Promise<HttpAnswer> {
    return call(system.baseUrl, system.bearer(['internal'], { subject: 'process-api' }), method, path, body);
  }

  /** Calls the sandbox's inspection and fault routes with an `ops` token. */
  async callSandbox(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    return call(this.sandbox.baseUrl, this.sandbox.bearer(['ops'], { subject: 'test-operator' }), method, path, body);
  }

  async setFaults(faults: ErpFaults): Promise<void> {
    const answer = await this.callSandbox('PUT', '/sandbox/erp/faults', faults);
    if (answer.status !== 200) {
      throw new Error(`could not set sandbox faults: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }

  async stats(): Promise<ErpStats> {
    return (await this.callSandbox('GET', '/sandbox/erp/stats')).body as ErpStats;
  }

  /** Every document the sandbox ERP holds, with the Idempotency-Key it was posted with. */
  async documents(): Promise<HeldDocument[]> {
    return (await this.callSandbox('GET', '/sandbox/erp/documents')).body.items;
  }

  /** Makes the ERP refuse every token it has issued so far, as after a signing key rotation. */
  async expireTokens(): Promise<void> {
    const answer = await this.callSandbox('POST', '/sandbox/erp/tokens/expire');
    if (answer.status !== 204) {
      throw new Error(`could not expire the sandbox ERP's tokens: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }

  /** The scrape of a system layer's Prometheus metrics. */
  async metrics(system = this.system): Promise<string> {
    return (await fetch(`${system.baseUrl}/metrics`)).text();
  }

  async close(): Promise<void> {
    await Promise.all(this.systems.map((system) => system.dispose()));
    await this.sandbox.dispose();
  }
}

async function call(baseUrl: string, bearer: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: bearer, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();

  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** An invoice for the sandbox's customer C-1001 whose lines add up. */
export function invoiceFor(invoiceId: string, customerId = 'C-1001'): Record<string, unknown> {
  return {
    invoiceId,
    customerId,
    currency: 'USD',
    issuedAt: '2026-12-08T16:00:00Z',
    lines: [
      {
        kind: 'linehaul',
        description: 'Linehaul Chicago IL to Columbus OH, 356 mi',
        quantity: 356,
        unit: 'mile',
        rateCents: 285,
        amountCents: 101460,
      },
    ],
    taxCents: 6341,
    totalCents: 107801,
    carrier: { scac: 'HJBT', name: 'J.B. Hunt Transport' },
  };
}

/**
 * Posts an invoice the way the posting workflow does: when the system layer answers 503, wait for its
 * `Retry-After` and post the same invoice again.
 */
export async function postUntilPosted(
  bed: ErpTestBed,
  invoiceId: string,
  system?: TestApp,
): Promise<{ answer: HttpAnswer; unavailable: number }> {
  let unavailable = 0;
  for (;;) {
    const answer = await bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor(invoiceId), system);
    if (answer.status !== 503) {
      return { answer, unavailable };
    }
    unavailable += 1;
    await sleep(Number(answer.headers.get('retry-after') ?? '1') * 1000);
  }
}

/** Sums a counter or histogram `_count` series of a Prometheus scrape whose labels include all of `labels`. */
export function metricValue(scrape: string, name: string, labels: Record<string, string> = {}): number {
  return scrape
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** A credit memo of 757 cents (fuel surcharge billed at the wrong band) against a posted invoice. */
export function creditMemoFor(creditMemoId: string, invoiceDocumentNumber: string): Record<string, unknown> {
  return {
    creditMemoId,
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
  };
}
