import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import { json, lakeshoreShipmentRequest, shipmentRequest, startEmbeddedGateway } from './embedded-gateway.js';

const PROBLEM_JSON = 'application/problem+json';

describe('embedded gateway', () => {
  let gateway: TestApp;
  let ops: string;

  beforeAll(async () => {
    gateway = await startEmbeddedGateway({ THROTTLE_LIMIT: '40' });
    ops = gateway.bearer(['ops'], { subject: 'ops-analyst' });
  });

  afterAll(async () => {
    await gateway.dispose();
  });

  const call = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${gateway.baseUrl}${path}`, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: ops, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  describe('GET /health/ready', () => {
    it('reports every layer database up', async () => {
      const response = await call('/health/ready');
      const body = await json<{ status: string; details: Record<string, { status: string }> }>(response);

      expect(response.status).toBe(200);
      expect(body.status).toBe('ok');
      expect(body.details['database:process'].status).toBe('up');
      expect(body.details['database:system'].status).toBe('up');
    });
  });

  describe('GET /docs/<layer>', () => {
    it('serves Swagger UI and the OpenAPI document of each layer', async () => {
      for (const layer of ['system', 'process', 'experience']) {
        const page = await call(`/docs/${layer}`);
        const document = await json<{ info: { title: string }; paths: Record<string, unknown> }>(
          await call(`/docs/${layer}/openapi.json`),
        );

        expect(page.status).toBe(200);
        expect(await page.text()).toContain('swagger-ui');
        expect(document.info.title).toBe(`Lanegate ${layer} API`);
        expect(Object.keys(document.paths).every((path) => path.startsWith(`/${layer}/v1/`))).toBe(true);
      }
    });
  });

  describe('authentication and scopes', () => {
    it('answers 401 problem+json without a token and 200 with an ops token', async () => {
      const anonymous = await call('/process/v1/shipments');
      const authorised = await call('/process/v1/shipments', { headers: { authorization: ops } });

      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
      expect((await json(anonymous)).code).toBe('UNAUTHENTICATED');
      expect(authorised.status).toBe(200);
    });

    it('rejects a token signed with another secret', async () => {
      const forged = ops.slice(0, -4) + (ops.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      const response = await call('/process/v1/shipments', { headers: { authorization: forged } });

      expect(response.status).toBe(401);
    });

    it('answers 403 when the token lacks the scope the route needs', async () => {
      const portal = gateway.bearer(['portal'], { customerId: 'C-1001' });
      const response = await call('/experience/v1/ops/overview', { headers: { authorization: portal } });
      const body = await json(response);

      expect(response.status).toBe(403);
      expect(body.code).toBe('INSUFFICIENT_SCOPE');
      expect(body.requiredScopes).toEqual(['ops']);
    });
  });

  describe('problem details', () => {
    it('names every invalid field of a shipment and rejects unknown fields', async () => {
      const response = await post(
        '/process/v1/shipments',
        shipmentRequest({ customerId: 'lower case', routeMiles: -3, surprise: true }),
      );
      const body = await json<{ code: string; errors: { field: string; messages: string[] }[]; correlationId: string }>(
        response,
      );

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.errors.map((error) => error.field).sort()).toEqual(['customerId', 'routeMiles', 'surprise']);
      expect(body.correlationId).toBe(response.headers.get('x-correlation-id'));
    });

    it('names the field inside a nested stop', async () => {
      const request = shipmentRequest();
      (request.stops as Record<string, unknown>[])[1].appointmentAt = 'tomorrow';
      const body = await json<{ errors: { field: string }[] }>(await post('/process/v1/shipments', request));

      expect(body.errors.map((error) => error.field)).toEqual(['stops.1.appointmentAt']);
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const response = await post('/process/v1/shipments', '{"customerId": ');

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect((await json(response)).correlationId).toEqual(expect.any(String));
    });

    it('answers an unknown route with a 404 problem', async () => {
      const response = await call('/process/v1/no-such-thing', { headers: { authorization: ops } });
      const body = await json(response);

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect(body.code).toBe('ROUTE_NOT_FOUND');
    });

    it('answers an unknown shipment with a typed 404 problem', async () => {
      const response = await call('/process/v1/shipments/SHP-missing', { headers: { authorization: ops } });
      const body = await json(response);

      expect(response.status).toBe(404);
      expect(body.code).toBe('SHIPMENT_NOT_FOUND');
      expect(body.instance).toBe('/process/v1/shipments/SHP-missing');
    });
  });

  describe('correlation', () => {
    it('echoes a caller correlation id and creates one otherwise', async () => {
      const given = await call('/health/live', { headers: { 'x-correlation-id': 'order-7781' } });
      const created = await call('/health/live');

      expect(given.headers.get('x-correlation-id')).toBe('order-7781');
      expect(created.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('records the correlation id of the creating request on the shipment', async () => {
      const response = await post('/process/v1/shipments', shipmentRequest(), { 'x-correlation-id': 'order-5521' });

      expect((await json(response)).correlationId).toBe('order-5521');
    });
  });

  describe('layer to layer', () => {
    it('builds the ops overview from the process layer over HTTP', async () => {
      const before = await json<{ shipmentsByStatus: Record<string, number> }>(
        await call('/experience/v1/ops/overview', { headers: { authorization: ops } }),
      );
      const created = await post('/process/v1/shipments', shipmentRequest());
      const after = await json<{ shipmentsByStatus: Record<string, number> }>(
        await call('/experience/v1/ops/overview', { headers: { authorization: ops } }),
      );

      // Shipments of earlier tests may change status meanwhile; the total counts each shipment once.
      const total = (counts: Record<string, number>): number => Object.values(counts).reduce((sum, n) => sum + n, 0);
      expect(created.status).toBe(201);
      expect(total(after.shipmentsByStatus)).toBe(total(before.shipmentsByStatus) + 1);
    });

    it("shows a portal user only their own customer's shipments", async () => {
      const created = await post('/process/v1/shipments', lakeshoreShipmentRequest('PO-LAKE-1'));
      expect(created.status).toBe(201);
      const portal = gateway.bearer(['portal'], { subject: 'lakeshore-portal', customerId: 'C-1002' });
      const page = await json<{ items: { purchaseOrder: string }[]; total: number }>(
        await call('/experience/v1/portal/shipments', { headers: { authorization: portal } }),
      );

      expect(page.total).toBe(1);
      expect(page.items.map((item) => item.purchaseOrder)).toEqual(['PO-LAKE-1']);
    });

    it('reads customer master data from the sandbox ERP through the system layer', async () => {
      const response = await call('/system/v1/erp/customers/C-1002', { headers: { authorization: ops } });
      const customer = await json(response);

      expect(response.status).toBe(200);
      expect(customer).toMatchObject({ id: 'C-1002', poRequired: true, paymentTermsDays: 45 });
      expect(customer).not.toHaveProperty('rejectsTax');
    });
  });

  describe('GET /metrics', () => {
    it('exposes request latency by route template and status, and Node defaults', async () => {
      await call('/process/v1/shipments/SHP-metrics', { headers: { authorization: ops } });
      const text = await (await call('/metrics')).text();

      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/process\/v1\/shipments\/:shipmentId",status_code="404"\} \d+/,
      );
      expect(text).toContain('process_cpu_user_seconds_total');
    });
  });

  describe('throttling', () => {
    it('answers 429 problem+json with Retry-After once a client exceeds its limit, per client', async () => {
      const greedy = gateway.bearer(['ops'], { subject: 'greedy-client' });
      const statuses: number[] = [];
      let limited: Response | undefined;
      for (let attempt = 0; attempt < 45 && !limited; attempt += 1) {
        const response = await call('/process/v1/shipments/status-counts', { headers: { authorization: greedy } });
        statuses.push(response.status);
        if (response.status === 429) {
          limited = response;
        }
      }
      const other = await call('/process/v1/shipments/status-counts', {
        headers: { authorization: gateway.bearer(['ops'], { subject: 'patient-client' }) },
      });

      expect(statuses.filter((status) => status === 200)).toHaveLength(40);
      expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited?.headers.get('content-type')).toContain(PROBLEM_JSON);
      expect((await json(limited!)).code).toBe('RATE_LIMITED');
      expect(other.status).toBe(200);
    });
  });
});
