import { expect } from 'vitest';

import { referenceLoad } from '@lanegate/domain/testing';
import { type TestApp, waitUntil } from '@lanegate/platform/testing';

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** Two seeded ERP customers, each with a contract lane of its own. */
export const CUSTOMERS = {
  midwest: {
    customerId: 'C-1001',
    purchaseOrder: 'PO-88123',
    stops: [
      { kind: 'pickup', name: 'Midwest Paper DC', city: 'Chicago', region: 'IL', postalCode: '60607', country: 'US' },
      { kind: 'delivery', name: 'Buckeye Grocers', city: 'Columbus', region: 'OH', postalCode: '43215', country: 'US' },
    ],
  },
  lakeshore: {
    customerId: 'C-1002',
    purchaseOrder: 'PO-LAKE-2291',
    stops: [
      {
        kind: 'pickup',
        name: 'Lakeshore Foods Plant',
        city: 'Columbus',
        region: 'OH',
        postalCode: '43215',
        country: 'US',
      },
      {
        kind: 'delivery',
        name: 'Motor City Market',
        city: 'Detroit',
        region: 'MI',
        postalCode: '48201',
        country: 'US',
      },
    ],
  },
} as const;

export type CustomerKey = keyof typeof CUSTOMERS;

const APPOINTMENTS = ['2026-12-07T14:00:00Z', '2026-12-08T09:00:00Z'];

/** Seeds shipments through the process layer's API and reads them through the portal, as one customer or another. */
export class PortalBed {
  private readonly ops: string;
  private readonly vendor: string;

  constructor(readonly app: TestApp) {
    this.ops = app.bearer(['ops'], { subject: 'portal-tests' });
    this.vendor = app.bearer(['dispatch:write'], { subject: 'acme-tms' });
  }

  async call(token: string, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${this.app.baseUrl}${path}`, {
      method,
      headers: { authorization: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();

    return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
  }

  /** Calls a portal route with a portal token of the customer. */
  portal(customer: CustomerKey, path: string): Promise<Reply> {
    const token = this.app.bearer(['portal'], {
      subject: `portal-${customer}`,
      customerId: CUSTOMERS[customer].customerId,
    });

    return this.call(token, 'GET', path);
  }

  /** Creates a shipment of the customer through the process API and returns its id. */
  async createShipment(customer: CustomerKey): Promise<string> {
    const { customerId, purchaseOrder, stops } = CUSTOMERS[customer];
    const created = await this.call(this.ops, 'POST', '/process/v1/shipments', {
      customerId,
      purchaseOrder,
      routeMiles: 410,
      stops: stops.map((stop, index) => ({ ...stop, appointmentAt: APPOINTMENTS[index] })),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    return created.body.id as string;
  }

  async report(events: unknown[]): Promise<void> {
    const answer = await this.call(this.vendor, 'POST', '/process/v1/dispatch-events', { events });
    expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  }

  async waitForStatus(shipmentId: string, status: string): Promise<void> {
    let last = '';
    try {
      await waitUntil(async () => {
        last = (await this.call(this.ops, 'GET', `/process/v1/shipments/${shipmentId}`)).body.status as string;

        return last === status;
      }, 20_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; status is ${last}`, { cause: error });
    }
  }

  /**
   * Corrects a posted invoice the way a late layover does: approved after posting, it credits the invoice and
   * rebills it with the layover. Waits for the three documents to stand in the ERP.
   */
  async correctWithLayover(shipmentId: string): Promise<void> {
    const accessorials = `/process/v1/shipments/${shipmentId}/accessorials`;
    const layover = { amountCents: 30_000, currency: 'USD' };
    const submitted = await this.call(this.ops, 'POST', accessorials, {
      accessorialId: 'ACC-LAYOVER-1',
      kind: 'layover',
      description: 'Consignee closed overnight',
      ...layover,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBeLessThan(300);
    await waitUntil(async () => {
      const { body } = await this.call(this.ops, 'GET', `/process/v1/shipments/${shipmentId}/billing-readiness`);

      return (body.holds as { reason: string }[]).some((hold) => hold.reason === 'accessorial_pending');
    }, 20_000);
    const approved = await this.call(this.ops, 'POST', `${accessorials}/ACC-LAYOVER-1/approval`, layover);
    expect(approved.status, JSON.stringify(approved.body)).toBeLessThan(300);
    await waitUntil(async () => {
      const { body } = await this.call(this.ops, 'GET', `/process/v1/shipments/${shipmentId}/invoices`);
      const rows = body.items as { status: string }[];

      return rows.length === 3 && rows.every((row) => row.status === 'posted' || row.status === 'credited');
    }, 20_000);
  }

  /** A shipment of the customer driven through the reference load to a posted invoice, with its proof of delivery. */
  async invoicedShipment(customer: CustomerKey): Promise<string> {
    const shipmentId = await this.createShipment(customer);
    await this.report(referenceLoad(shipmentId));
    await this.waitForStatus(shipmentId, 'invoice_posted');

    return shipmentId;
  }
}
