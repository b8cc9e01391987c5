import { afterEach, describe, expect, it } from 'vitest';

import { EXPERIENCE_API_DOCUMENT, ExperienceApiModule } from '@lanegate/experience-api';
import { startTestApp, type TestApp } from '@lanegate/platform/testing';

const signIn = (app: TestApp): Promise<Response> =>
  fetch(`${app.baseUrl}/experience/v1/ops/dev-sign-in`, { method: 'POST' });

describe('POST /experience/v1/ops/dev-sign-in', () => {
  let app: TestApp | undefined;

  afterEach(async () => {
    await app?.dispose();
    app = undefined;
  });

  it('gives a caller on the same host an ops token that the ops routes accept, in the embedded gateway', async () => {
    app = await startTestApp({ app: 'gateway', layers: [ExperienceApiModule] });
    const answer = await signIn(app);
    const { token } = (await answer.json()) as { token: string };
    const page = await (await fetch(`${app.baseUrl}/ops`)).text();
    // The token is an ops token: the ops routes let it through to the process layer (not running here).
    const overview = await fetch(`${app.baseUrl}/experience/v1/ops/overview`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(answer.status).toBe(200);
    expect(page).toContain('data-dev-sign-in="true"');
    expect([401, 403]).not.toContain(overview.status);
  });

  it('does not exist in a standalone experience-api', async () => {
    app = await startTestApp({
      app: 'experience-api',
      layers: [ExperienceApiModule],
      documents: [EXPERIENCE_API_DOCUMENT],
      env: { PROCESS_API_URL: 'http://127.0.0.1:9' },
    });
    const answer = await signIn(app);
    const page = await (await fetch(`${app.baseUrl}/ops`)).text();

    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(page).toContain('data-dev-sign-in="false"');
  });

  it('does not exist in production, even embedded', async () => {
    app = await startTestApp({
      app: 'gateway',
      layers: [ExperienceApiModule],
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-at-least-32-characters',
        TMS_WEBHOOK_SECRETS: 'nmfta=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    });

    expect((await signIn(app)).status).toBe(404);
  });
});

describe('GET /ops', () => {
  it('serves the page and its assets without a token, and nothing outside them', async () => {
    const app = await startTestApp({ app: 'gateway', layers: [ExperienceApiModule] });
    try {
      const page = await fetch(`${app.baseUrl}/ops`);
      const script = await fetch(`${app.baseUrl}/ops/assets/ops.js`);
      const chart = await fetch(`${app.baseUrl}/ops/assets/chart.umd.min.js`);
      const escape = await fetch(`${app.baseUrl}/ops/assets/..%2F..%2Fpackage.json`);

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<title>Lanegate operations</title>');
      expect(script.headers.get('content-type')).toContain('text/javascript');
      expect(await chart.text()).toContain('Chart.js');
      expect(escape.status).toBe(404);
    } finally {
      await app.dispose();
    }
  });
});
