import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type TestApp, waitUntil } from '@lanegate/platform/testing';

import { DemoTraffic } from '../src/demo/demo-traffic.service.js';
import { startEmbeddedGateway } from './embedded-gateway.js';

describe('demonstration traffic of the embedded gateway', () => {
  let gateway: TestApp;
  let ops: string;

  const get = async (path: string): Promise<any> =>
    (await fetch(`${gateway.baseUrl}${path}`, { headers: { authorization: ops } })).json();

  beforeAll(async () => {
    gateway = await startEmbeddedGateway();
    ops = gateway.bearer(['ops']);
  });

  afterAll(async () => {
    await gateway?.dispose();
  });

  it('is off under test: no shipment appears on its own', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    expect((await get('/process/v1/shipments')).total).toBe(0);
  });

  it('orders a load on a seeded lane and has the sandbox dispatch platform play it to the gateway', async () => {
    const traffic = gateway.app.get(DemoTraffic);
    const played = [await traffic.playLoad(), await traffic.playLoad(), await traffic.playLoad()];

    expect(played.every((load) => load !== undefined)).toBe(true);
    const shipmentIds = played.map((load) => load!.shipmentId);
    const loads = await Promise.all(played.map((load) => get(`/sandbox/dispatch/loads/${load!.loadId}`)));
    // One load per shipment, each in another vendor format.
    expect(loads.map((load) => load.shipmentId)).toEqual(shipmentIds);
    expect(loads.map((load) => load.format as string).sort()).toEqual(['nmfta', 'trackline', 'x12']);
    // The platform reports each step when its time comes; a Trackline assignment, the first step, goes at once
    // (NMFTA and X12 have no assignment message and report the arrival at pickup, hours of lifecycle later).
    const trackline = loads.find((load) => load.format === 'trackline').shipmentId as string;
    await waitUntil(async () => (await get(`/process/v1/shipments/${trackline}`)).status === 'dispatched', 20_000);
    expect((await get(`/process/v1/shipments/${trackline}`)).dispatch.carrier).toEqual(
      expect.objectContaining({ scac: expect.any(String) }),
    );
  });
});
