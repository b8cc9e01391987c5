import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { registeredRoutes } from '@lanegate/platform';
import type { TestApp } from '@lanegate/platform/testing';

import { startEmbeddedGateway } from './embedded-gateway.js';

/**
 * Routes anyone may call: health, metrics, the published documentation, and the operations dashboard's page and
 * assets (which hold no data: the page reads the API with the operator's token). Nothing else.
 */
const PUBLIC_ROUTES = [/^\/health\/(live|ready)$/, /^\/metrics$/, /^\/docs\//, /^\/ops$/, /^\/ops\/assets\/:name$/];

/**
 * The sandbox ERP's token endpoint authenticates by the client credentials in its body; the development sign-in
 * answers callers on the same host, in the embedded gateway only (tested below).
 */
const CREDENTIALS_IN_BODY = ['POST /sandbox/erp/oauth/token', 'POST /experience/v1/ops/dev-sign-in'];

describe('route protection', () => {
  let gateway: TestApp;

  beforeAll(async () => {
    gateway = await startEmbeddedGateway();
  });

  afterAll(async () => {
    await gateway.dispose();
  });

  it('answers 401 problem+json on every route without a token, except health, metrics and docs', async () => {
    const routes = registeredRoutes(gateway.app).filter(
      ({ method, url }) => !['HEAD', 'OPTIONS'].includes(method) && !CREDENTIALS_IN_BODY.includes(`${method} ${url}`),
    );
    expect(routes.length).toBeGreaterThan(10);

    const unprotected: string[] = [];
    for (const { method, url } of routes) {
      const path = url.replace(/:[A-Za-z]+/g, 'X-1').replace(/\*$/, 'index.html');
      const response = await fetch(`${gateway.baseUrl}${path}`, {
        method,
        headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      const isPublic = PUBLIC_ROUTES.some((pattern) => pattern.test(url));
      if (isPublic) {
        continue;
      }
      if (response.status !== 401 || !response.headers.get('content-type')?.startsWith('application/problem+json')) {
        unprotected.push(`${method} ${url} -> ${response.status}`);
      }
    }

    expect(unprotected).toEqual([]);
  });

  it('serves health, metrics and documentation without a token', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs/process', '/docs/process/openapi.json']) {
      const response = await fetch(`${gateway.baseUrl}${path}`);

      expect(response.status, path).toBe(200);
    }
  });

  it('rejects the sandbox ERP token endpoint without valid client credentials', async () => {
    const response = await fetch(`${gateway.baseUrl}/sandbox/erp/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'lanegate-gateway', client_secret: 'wrong' }),
    });

    expect(response.status).toBe(401);
  });
});
