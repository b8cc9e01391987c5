import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import { json, shipmentRequest, startEmbeddedGateway } from './embedded-gateway.js';

describe('POST /process/v1/shipments with Idempotency-Key', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanegate-idempotency-'));
  let gateway: TestApp;

  beforeAll(async () => {
    gateway = await startEmbeddedGateway({ DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await gateway.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const create = (key: string | undefined, body: unknown, subject = 'tms-client'): Promise<Response> =>
    fetch(`${gateway.baseUrl}/process/v1/shipments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: gateway.bearer(['dispatch:write'], { subject }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify(body),
    });
  const countShipments = async (): Promise<number> => {
    const response = await fetch(`${gateway.baseUrl}/process/v1/shipments?pageSize=1`, {
      headers: { authorization: gateway.bearer(['ops']) },
    });

    return (await json<{ total: number }>(response)).total;
  };

  describe('success', () => {
    it('replays the stored response for the same key and body without creating a second shipment', async () => {
      const before = await countShipments();
      const first = await create('order-1001-create', shipmentRequest());
      const second = await create('order-1001-create', shipmentRequest());

      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(await json(second)).toEqual(await json(first));
      expect(await countShipments()).toBe(before + 1);
    });

    it('treats the same body with its keys in another order as the same request', async () => {
      const body = shipmentRequest();
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const first = await json(await create('order-1002-create', body));
      const second = await create('order-1002-create', reordered);

      expect(second.status).toBe(201);
      expect((await json(second)).id).toBe(first.id);
    });

    it('keeps keys per client, so two clients may use the same key', async () => {
      const mine = await json(await create('shared-key', shipmentRequest(), 'tms-a'));
      const theirs = await json(await create('shared-key', shipmentRequest(), 'tms-b'));

      expect(theirs.id).not.toBe(mine.id);
    });

    it('replays the stored response after a restart', async () => {
      const first = await json(await create('order-1003-create', shipmentRequest()));
      const before = await countShipments();

      await gateway.close();
      gateway = await startEmbeddedGateway({ DATA_DIR: dataDir });
      const replayed = await create('order-1003-create', shipmentRequest());

      expect(replayed.status).toBe(201);
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      expect(await json(replayed)).toEqual(first);
      expect(await countShipments()).toBe(before);
    });
  });

  describe('failure', () => {
    it('answers 422 when the key was first used with a different body', async () => {
      await create('order-2001-create', shipmentRequest());
      const response = await create('order-2001-create', shipmentRequest({ purchaseOrder: 'PO-CHANGED' }));
      const body = await json(response);

      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('does not keep the key of a rejected request, so the corrected retry goes through', async () => {
      const rejected = await create('order-2002-create', shipmentRequest({ customerId: 'bad id' }));
      const corrected = await create('order-2002-create', shipmentRequest());

      expect(rejected.status).toBe(400);
      expect(corrected.status).toBe(201);
      expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    });

    it('rejects a key with characters outside visible ASCII', async () => {
      const response = await create('key with spaces', shipmentRequest());

      expect(response.status).toBe(400);
      expect((await json(response)).code).toBe('IDEMPOTENCY_KEY_INVALID');
    });
  });

  describe('expiry', () => {
    it('runs the handler again once the key has expired', async () => {
      await gateway.close();
      gateway = await startEmbeddedGateway({ DATA_DIR: dataDir, IDEMPOTENCY_TTL_HOURS: '1' });
      const first = await json(await create('order-3001-create', shipmentRequest()));
      const realNow = Date.now;
      try {
        Date.now = () => realNow() + 2 * 3_600_000;
        const later = await create('order-3001-create', shipmentRequest());

        expect(later.status).toBe(201);
        expect((await json(later)).id).not.toBe(first.id);
      } finally {
        Date.now = realNow;
      }
    });
  });
});
