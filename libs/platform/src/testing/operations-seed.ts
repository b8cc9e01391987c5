import type { Scope } from '../auth/principal.js';
import { waitUntil } from './wait-until.js';

/** What the seed needs of a started gateway: where it listens and tokens for it. */
interface SeedTarget {
  baseUrl: string;
  bearer(scopes: Scope[], options?: { subject?: string }): string;
}

/** The shipments {@link seedOperations} leaves in each state the operations overview distinguishes. */
export interface SeededOperations {
  posted: string;
  withoutPod: string;
  inTransit: string;
  created: string;
  rejected: string;
}

/** The order and dispatch events the seed sends: the reference load of the domain's test fixtures. */
export interface SeedLoad {
  stops: unknown[];
  /** A shipment's events: assignment, pickup arrival and departure, reassignment, ..., proof of delivery. */
  events: (shipmentId: string) => unknown[];
}

/**
 * A morning's worth of shipments through the embedded gateway's public routes: one invoiced, one delivered without
 * its proof of delivery, one in transit, one just ordered, and one whose invoice the sandbox ERP refused (a closed
 * period). Needs the sandbox, system and process layers in `app`.
 */
export async function seedOperations(app: SeedTarget, load: SeedLoad): Promise<SeededOperations> {
  const ops = app.bearer(['ops'], { subject: 'operations-seed' });
  const vendor = app.bearer(['dispatch:write'], { subject: 'acme-tms' });
  const call = async (
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<any> => {
    const response = await fetch(`${app.baseUrl}${path}`, {
      method,
      headers: {
        authorization: token,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }

    return text === '' ? null : JSON.parse(text);
  };
  const create = async (correlationId: string): Promise<string> => {
    const created = await call(
      ops,
      'POST',
      '/process/v1/shipments',
      { customerId: 'C-1001', purchaseOrder: `PO-${correlationId}`, routeMiles: 410, stops: load.stops },
      { 'x-correlation-id': correlationId },
    );

    return created.id as string;
  };
  const report = (events: unknown[]): Promise<unknown> =>
    call(vendor, 'POST', '/process/v1/dispatch-events', { events });
  const settled = (shipmentId: string, check: (shipment: any, readiness: any) => boolean): Promise<void> =>
    waitUntil(async () => {
      const shipment = await call(ops, 'GET', `/process/v1/shipments/${shipmentId}`);
      const readiness = await call(ops, 'GET', `/process/v1/shipments/${shipmentId}/billing-readiness`);

      return check(shipment, readiness);
    }, 20_000);

  const posted = await create('seed-posted');
  const withoutPod = await create('seed-without-pod');
  const inTransit = await create('seed-in-transit');
  const created = await create('seed-created');
  await report(load.events(posted));
  await report(load.events(withoutPod).slice(0, 7));
  await report(load.events(inTransit).slice(0, 3));
  await settled(posted, (shipment) => shipment.status === 'invoice_posted');
  await settled(withoutPod, (_, readiness) =>
    readiness.holds.some((hold: { reason: string }) => hold.reason === 'awaiting_pod'),
  );
  await settled(inTransit, (shipment) => shipment.status === 'in_transit');

  await call(ops, 'PUT', '/sandbox/erp/faults', {
    postingRejection: { code: 'PERIOD_CLOSED', detail: 'Accounting period 2026-12 is closed for posting.' },
  });
  const rejected = await create('seed-rejected');
  await report(load.events(rejected));
  await settled(rejected, (_, readiness) => readiness.erpRejection?.code === 'PERIOD_CLOSED');
  await call(ops, 'DELETE', '/sandbox/erp/faults');

  return { posted, withoutPod, inTransit, created, rejected };
}
