import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { REFERENCE_STOPS, referenceLoad } from '@lanegate/domain/testing';
import { type SeededOperations, seedOperations, type TestApp } from '@lanegate/platform/testing';

import { startExperienceLayer } from './experience-layer.js';

/** Debian's chromium package; never a downloaded browser. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join('test-output', 'screenshots');
const browserPresent = existsSync(CHROMIUM);
if (process.env.CI === 'true' && !browserPresent) {
  throw new Error(
    `CI=true: the dashboard browser test needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`,
  );
}

const text = async (page: Page, testId: string): Promise<string> =>
  (await page.getByTestId(testId).textContent())?.trim() ?? '';

describe.skipIf(!browserPresent)('the operations dashboard at /ops in headless Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let seeded: SeededOperations;

  beforeAll(async () => {
    app = await startExperienceLayer();
    seeded = await seedOperations(app, { stops: REFERENCE_STOPS, events: referenceLoad });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  it('shows no data and asks for a token until an ops token is given; a refused token signs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/ops`);

    expect(await page.locator('#sign-in').isVisible()).toBe(true);
    expect(await page.locator('#dashboard').isVisible()).toBe(false);
    expect(await text(page, 'awaiting-invoice')).toBe('–');

    await page.fill('#token', app.bearer(['portal'], { customerId: 'C-1001' }).replace('Bearer ', ''));
    await page.click('#token-form button[type=submit]');
    await page.locator('#sign-in').waitFor({ state: 'visible' });

    expect(await page.locator('#dashboard').isVisible()).toBe(false);
    expect(await page.locator('#sign-in-error').textContent()).not.toBe('');
    await page.close();
  });

  it("shows the ops API's numbers after the development sign-in, searches a shipment and shows its chain", async () => {
    const ops = app.bearer(['ops'], { subject: 'dashboard-test' });
    const overview = (await (
      await fetch(`${app.baseUrl}/experience/v1/ops/overview`, { headers: { authorization: ops } })
    ).json()) as {
      shipmentsByStatus: Record<string, number>;
      holdsByReason: Record<string, number>;
      awaitingInvoice: { count: number };
      deliveredWithoutPod: { count: number };
      postingFailures: { count: number };
      deadLetters: { open: number };
    };
    // The seeded refusal of the ERP is a failed posting: an evaluation of the alert policies opens its alert.
    const evaluation = await fetch(`${app.baseUrl}/process/v1/alerts/evaluations`, {
      method: 'POST',
      headers: { authorization: ops },
    });
    expect(evaluation.status).toBe(200);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
    await page.goto(`${app.baseUrl}/ops`);
    await page.click('#dev-sign-in');
    await page.getByTestId('refreshed').filter({ hasText: 'updated' }).waitFor();

    expect(await text(page, 'awaiting-invoice')).toBe(String(overview.awaitingInvoice.count));
    expect(await text(page, 'without-pod')).toBe(String(overview.deliveredWithoutPod.count));
    expect(await text(page, 'posting-failures')).toBe(String(overview.postingFailures.count));
    expect(await text(page, 'dead-letters')).toBe(String(overview.deadLetters.open));
    for (const [status, count] of Object.entries(overview.shipmentsByStatus)) {
      expect(await text(page, `status-${status}`), status).toBe(String(count));
    }
    for (const [reason, count] of Object.entries(overview.holdsByReason).filter(([, held]) => held > 0)) {
      expect(await text(page, `hold-${reason}`), reason).toBe(String(count));
    }
    // The seed's own figures, so that a page and an API that were both empty could not pass.
    expect(await text(page, 'status-invoice_posted')).toBe('1');
    expect(await text(page, 'posting-failures')).toBe('1');
    expect(await page.locator('#failures').textContent()).toContain(seeded.rejected);
    expect(await page.locator('#sla-chart').boundingBox()).not.toBeNull();
    const alerts = await page.locator('#alerts').textContent();
    expect(alerts).toContain('posting_failed');
    expect(alerts).toContain(seeded.rejected);

    await page.fill('#search', seeded.posted);
    await page.click('#search-form button[type=submit]');
    const stages = page.locator(`[data-testid=chain] [data-shipment-id="${seeded.posted}"] [data-stage]`);
    await stages.nth(4).waitFor();

    const states = await Promise.all([0, 1, 2, 3, 4].map((index) => stages.nth(index).getAttribute('data-state')));
    expect(states).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(await page.getByTestId('chain').textContent()).toContain(`INV-${seeded.posted}-v1`);
    await page.screenshot({ path: join(SCREENSHOTS, 'ops-dashboard.png'), fullPage: true });
    await page.close();
  });

  it('refreshes on its own: a new shipment shows within the next refresh', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/ops`);
    await page.click('#dev-sign-in');
    await page.getByTestId('refreshed').filter({ hasText: 'updated' }).waitFor();
    const before = Number(await text(page, 'status-created'));

    const created = await fetch(`${app.baseUrl}/process/v1/shipments`, {
      method: 'POST',
      headers: { authorization: app.bearer(['ops']), 'content-type': 'application/json' },
      body: JSON.stringify({
        customerId: 'C-1001',
        purchaseOrder: 'PO-LIVE-1',
        routeMiles: 410,
        stops: REFERENCE_STOPS,
      }),
    });
    expect(created.status).toBe(201);

    await page
      .getByTestId('status-created')
      .filter({ hasText: String(before + 1) })
      .waitFor({ timeout: 15_000 });
    await page.close();
  });
});
