import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

import { REFERENCE_STOPS } from '@lanegate/domain/testing';
import { createEvent, type LayerMessaging, layerMessagingToken } from '@lanegate/messaging';
import { runInTransaction } from '@lanegate/persistence';
import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import { DispatchEventEntity, ShipmentProjectionEntity } from '../src/projection/index.js';
import { ShipmentEntity } from '../src/shipments/shipment.entity.js';

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** Calls the process API as a client with the given token. */
export async function call(app: TestApp, token: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();

  return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
}

export const STOPS = REFERENCE_STOPS;

/** Creates a shipment through the API and returns its id. */
export async function createShipment(app: TestApp, correlationId: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/process/v1/shipments`, {
    method: 'POST',
    headers: {
      authorization: app.bearer(['ops']),
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
    },
    body: JSON.stringify({ customerId: 'C-1001', purchaseOrder: 'PO-88123', routeMiles: 410, stops: STOPS }),
  });
  const body = (await response.json()) as { id: string };
  if (response.status !== 201) {
    throw new Error(`shipment creation answered ${response.status}: ${JSON.stringify(body)}`);
  }

  return body.id;
}

/**
 * Stores a shipment under an id chosen in advance, with its `shipment.created` event, the way the shipments service
 * does: for shipments whose dispatch events arrive before the shipment itself.
 */
export async function createShipmentWithId(app: TestApp, id: string, correlationId: string): Promise<void> {
  const dataSource = processDataSource(app);
  const messaging = app.app.get<LayerMessaging>(layerMessagingToken('process'));
  const now = new Date();
  await runInTransaction(dataSource, async (manager) => {
    await manager.save(
      manager.create(ShipmentEntity, {
        id,
        customerId: 'C-1001',
        status: 'created',
        resumeStatus: null,
        purchaseOrder: 'PO-88123',
        routeMiles: 410,
        correlationId,
        createdAt: now,
        updatedAt: now,
        stops: STOPS.map((stop, index) => ({
          ...stop,
          kind: stop.kind,
          shipmentId: id,
          sequence: index + 1,
          appointmentAt: new Date(stop.appointmentAt),
        })),
      }),
    );
    await messaging.append(manager, [
      createEvent({
        type: 'lanegate.shipment.created.v1',
        subject: id,
        source: '/lanegate/process-api',
        correlationId,
        sequence: 1,
        data: {
          shipmentId: id,
          customerId: 'C-1001',
          purchaseOrder: 'PO-88123',
          routeMiles: 410,
          stops: STOPS.map((stop, index) => ({ sequence: index + 1, ...stop })),
        },
      }),
    ]);
  });
  messaging.published();
}

export function processDataSource(app: TestApp): DataSource {
  return app.app.get<DataSource>(getDataSourceToken('process'));
}

export async function storedEvents(app: TestApp, shipmentId: string): Promise<DispatchEventEntity[]> {
  return processDataSource(app).getRepository(DispatchEventEntity).findBy({ shipmentId });
}

export async function storedProjection(app: TestApp, shipmentId: string): Promise<ShipmentProjectionEntity | null> {
  return processDataSource(app).getRepository(ShipmentProjectionEntity).findOneBy({ shipmentId });
}

/** Waits until the shipment's projection has folded `count` distinct dispatch events. */
export async function projectedEvents(app: TestApp, shipmentId: string, count: number): Promise<void> {
  await waitUntil(async () => (await storedProjection(app, shipmentId))?.eventCount === count);
}

/**
 * A whole journey of one shipment, in order: assignment, pickup, delivery, proof of delivery. Event ids start with
 * the shipment id, so two shipments' journeys compare equal once the id is taken out.
 */
export function journey(shipmentId: string): Record<string, unknown>[] {
  const base = (n: number, kind: string, occurredAt: string, data: Record<string, unknown> = {}) => ({
    eventId: `${shipmentId}-e${n}`,
    shipmentId,
    kind,
    occurredAt,
    sequence: n,
    source: 'acme-tms',
    data,
  });

  return [
    base(1, 'assigned', '2026-12-07T12:00:00Z', { carrier: { scac: 'SWFT', name: 'Swift' }, routeMiles: 436 }),
    base(2, 'arrived_stop', '2026-12-07T13:50:00Z', { stopSequence: 1 }),
    base(3, 'departed_stop', '2026-12-07T15:10:00Z', { stopSequence: 1 }),
    base(4, 'arrived_stop', '2026-12-08T08:40:00Z', { stopSequence: 2 }),
    base(5, 'delivered', '2026-12-08T09:30:00Z'),
    base(6, 'pod_captured', '2026-12-08T09:35:00Z', { capturedAt: '2026-12-08T09:32:00Z', signedBy: 'J. Ortiz' }),
    base(7, 'departed_stop', '2026-12-08T10:05:00Z', { stopSequence: 2 }),
  ];
}
