import { setTimeout as sleep } from 'node:timers/promises';

import { expect } from 'vitest';

import { referenceLoad } from '@lanegate/domain/testing';

import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import { call, type Reply, STOPS } from './dispatch-fixtures.js';

/** A document as the sandbox ERP's inspection route shows it. */
export interface ErpHeldDocument {
  documentNumber: string;
  type: 'invoice' | 'credit_memo';
  externalReference: string;
  customerId: string;
  lines: {
    kind: string;
    description: string;
    quantity: number;
    unit: string;
    rateCents: number;
    amountCents: number;
  }[];
  taxCents: number;
  totalCents: number;
  creditsDocumentNumber?: string;
  carrier?: { scac: string; name: string };
  purchaseOrder?: string;
  issuedAt?: string;
}

export { CARRIER_B as KNIGHT } from '@lanegate/domain/testing';

/** Calls the process layer's process, system and sandbox routes with one token. */
export class BillingBed {
  readonly ops: string;
  readonly vendor: string;

  /**
   * @param app the process layer (embedded: the one process that also hosts the system layer and the sandbox)
   * @param sandbox the sandbox, when it runs as a process of its own
   */
  constructor(
    readonly app: TestApp,
    readonly sandbox: TestApp = app,
  ) {
    this.ops = app.bearer(['ops'], { subject: 'billing-tests' });
    this.vendor = app.bearer(['dispatch:write'], { subject: 'acme-tms' });
  }

  call(method: string, path: string, body?: unknown): Promise<Reply> {
    return call(path.startsWith('/sandbox/') ? this.sandbox : this.app, this.ops, method, path, body);
  }

  /** Creates a shipment through the API (with its synchronous ERP checks) and returns its id. */
  async createShipment(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await this.call('POST', '/process/v1/shipments', {
      customerId: 'C-1001',
      purchaseOrder: 'PO-88123',
      routeMiles: 410,
      stops: STOPS,
      ...overrides,
    });
    if (created.status !== 201) {
      throw new Error(`shipment creation answered ${created.status}: ${JSON.stringify(created.body)}`);
    }

    return created.body.id as string;
  }

  async report(events: unknown[]): Promise<Reply> {
    const answer = await call(this.app, this.vendor, 'POST', '/process/v1/dispatch-events', { events });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);

    return answer;
  }

  async readiness(shipmentId: string): Promise<any> {
    return (await this.call('GET', `/process/v1/shipments/${shipmentId}/billing-readiness`)).body;
  }

  async status(shipmentId: string): Promise<string> {
    return (await this.call('GET', `/process/v1/shipments/${shipmentId}`)).body.status as string;
  }

  async invoices(shipmentId: string): Promise<any[]> {
    return (await this.call('GET', `/process/v1/shipments/${shipmentId}/invoices`)).body.items as any[];
  }

  /** Waits until billing has assessed the shipment at least at `projectionVersion`-or-later and `check` holds. */
  async waitForReadiness(shipmentId: string, check: (readiness: any) => boolean, timeoutMs = 20_000): Promise<any> {
    let last: any;
    try {
      await waitUntil(async () => {
        last = await this.readiness(shipmentId);

        return check(last);
      }, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; last readiness: ${JSON.stringify(last)}`, { cause: error });
    }

    return last;
  }

  async waitForStatus(shipmentId: string, status: string, timeoutMs = 20_000): Promise<void> {
    let last = '';
    try {
      await waitUntil(async () => (last = await this.status(shipmentId)) === status, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; status is ${last}`, { cause: error });
    }
  }

  /** Every document the sandbox ERP holds. */
  async erpDocuments(): Promise<ErpHeldDocument[]> {
    return (await this.call('GET', '/sandbox/erp/documents')).body.items as ErpHeldDocument[];
  }

  /** The ERP documents of one shipment: its invoices, credit memos and rebills. */
  async erpDocumentsOf(shipmentId: string): Promise<ErpHeldDocument[]> {
    return (await this.erpDocuments()).filter((document) => document.externalReference.includes(`-${shipmentId}-v`));
  }

  async setErpFaults(faults: Record<string, unknown>): Promise<void> {
    const answer = await this.call('PUT', '/sandbox/erp/faults', faults);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  /**
   * Reports the reference load while the ERP is in a maintenance window, and waits until billing gives up posting
   * it: with `BILLING_ATTEMPTS=2` and `BILLING_RETRY_MAX_SECONDS=1` its work is a dead letter within seconds.
   */
  async deliverWhileErpDown(shipmentId: string): Promise<void> {
    const now = Date.now();
    await this.setErpFaults({
      maintenance: { startsAt: new Date(now - 1_000).toISOString(), endsAt: new Date(now + 120_000).toISOString() },
    });
    await this.report(referenceLoad(shipmentId));
    await this.waitForReadiness(shipmentId, (readiness) => readiness.postingFailure !== null, 30_000);
  }

  /** Replays a dead letter after an ERP outage, as operators do: again while the system layer's circuit is open. */
  async replayAfterOutage(deadLetterId: string): Promise<Reply> {
    let replay = await this.call('POST', `/process/v1/dead-letters/${deadLetterId}/replay`);
    for (let attempt = 0; replay.status !== 200 && attempt < 15; attempt += 1) {
      await sleep(1_000);
      replay = await this.call('POST', `/process/v1/dead-letters/${deadLetterId}/replay`);
    }

    return replay;
  }

  async changeCustomer(customerId: string, changes: Record<string, unknown>): Promise<void> {
    const answer = await this.call('PUT', `/sandbox/erp/master-data/customers/${customerId}`, changes);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  async requestReview(shipmentId: string, body: Record<string, unknown>): Promise<Reply> {
    return this.call('POST', `/process/v1/shipments/${shipmentId}/billing-reviews`, body);
  }

  /**
   * The ERP holds no duplicate: one document per external reference, and per shipment at most one invoice that no
   * credit memo reverses.
   */
  async expectNoDuplicateErpDocuments(): Promise<void> {
    const documents = await this.erpDocuments();
    const references = documents.map((document) => document.externalReference);
    expect(new Set(references).size, 'external references').toBe(references.length);
    const credited = new Set(documents.flatMap((document) => document.creditsDocumentNumber ?? []));
    const standing = new Map<string, number>();
    for (const document of documents.filter((d) => d.type === 'invoice' && !credited.has(d.documentNumber))) {
      const shipment = document.externalReference.replace(/^INV-/, '').replace(/-v\d+$/, '');
      standing.set(shipment, (standing.get(shipment) ?? 0) + 1);
    }
    expect([...standing].filter(([, count]) => count > 1)).toEqual([]);
  }
}

export { reportedEvent as dispatchEvent, referenceLoad } from '@lanegate/domain/testing';
