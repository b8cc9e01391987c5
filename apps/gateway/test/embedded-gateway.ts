import { LAKESHORE_STOPS, REFERENCE_STOPS } from '@lanegate/domain/testing';
import { startTestApp, type TestApp } from '@lanegate/platform/testing';

import { EMBEDDED_DOCUMENTS, EMBEDDED_LAYERS } from '../src/embedded.js';

/** The whole gateway in one process, as `npm start` runs it, on a free port with its own data folder. */
export function startEmbeddedGateway(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ app: 'gateway', layers: EMBEDDED_LAYERS, documents: EMBEDDED_DOCUMENTS, env });
}

/** A valid shipment creation body: Chicago IL to Columbus OH. */
export function shipmentRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customerId: 'C-1001',
    purchaseOrder: 'PO-88123',
    routeMiles: 410,
    // A copy: tests change fields of the body they get.
    stops: structuredClone(REFERENCE_STOPS),
    ...overrides,
  };
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A Lakeshore Foods (C-1002, PO required) shipment on its contract lane, Columbus OH to Detroit MI. */
export function lakeshoreShipmentRequest(purchaseOrder: string): Record<string, unknown> {
  return shipmentRequest({
    customerId: 'C-1002',
    purchaseOrder,
    routeMiles: 204,
    stops: structuredClone(LAKESHORE_STOPS),
  });
}
