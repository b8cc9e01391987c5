import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { registeredRoutes } from '@lanegate/platform';
import type { TestApp } from '@lanegate/platform/testing';

import { startExperienceLayer } from './experience-layer.js';
import { CUSTOMERS, PortalBed } from './portal-fixtures.js';

const PORTAL = '/experience/v1/portal/';

/** What only the other customer's shipment and documents hold: its PO number and its delivery stop. */
const OWNER_DATA = [CUSTOMERS.lakeshore.purchaseOrder, CUSTOMERS.lakeshore.stops[1].name];

/** Another customer's resources, as the path parameters of the portal routes name them. */
interface ForeignIds {
  shipmentId: string;
  invoiceId: string;
  invoiceNumber: string;
}

/** Path parameters of portal routes, and which of the other customer's ids each is given. */
const PARAMETERS: Record<string, keyof ForeignIds> = {
  shipmentId: 'shipmentId',
  invoiceId: 'invoiceId',
  uniqueID: 'invoiceId',
  invoiceNumber: 'invoiceNumber',
};

/**
 * Portal routes that name no single resource: each is called with the other customer's ids as its filters, and
 * must answer without any of them.
 */
const LIST_ROUTES: Record<string, (ids: ForeignIds) => string[]> = {
  'GET /experience/v1/portal/shipments': () => [''],
  'GET /experience/v1/portal/invoices': (ids) => ['', `?shipmentId=${ids.shipmentId}`],
  'GET /experience/v1/portal/nmfta/invoices': (ids) => [
    '',
    `?uniqueID=${ids.invoiceId}`,
    `?shipmentID=${ids.shipmentId}`,
    `?invoiceNumber=${ids.invoiceNumber}`,
  ],
  'GET /experience/v1/portal/nmfta/documents': (ids) => ['', `?invoiceNumber=${ids.invoiceNumber}`],
};

/**
 * Strict scoping: every route under `/experience/v1/portal/` is called by one customer with another customer's
 * ids. A route naming a resource answers 404 problem+json (never 403, never the data), while the owner reads the
 * same path; a list route shows none of the other customer's ids. A portal route this suite does not know fails it.
 */
describe('portal isolation', () => {
  let app: TestApp;
  let bed: PortalBed;
  let foreign: ForeignIds;

  beforeAll(async () => {
    app = await startExperienceLayer();
    bed = new PortalBed(app);
    await bed.invoicedShipment('midwest');
    const shipmentId = await bed.invoicedShipment('lakeshore');
    const { body } = await bed.portal('lakeshore', `${PORTAL}shipments/${shipmentId}/invoices`);
    const [invoice] = body.items as { id: string; erpDocumentNumber: string }[];
    foreign = { shipmentId, invoiceId: invoice.id, invoiceNumber: invoice.erpDocumentNumber };
  });

  afterAll(async () => {
    await app?.dispose();
  });

  const portalRoutes = (): { method: string; url: string }[] =>
    registeredRoutes(app.app).filter(
      ({ method, url }) => url.startsWith(PORTAL) && !['HEAD', 'OPTIONS'].includes(method),
    );

  it('knows every portal route: each names only known parameters, or is a list route with its cases', () => {
    const routes = portalRoutes();
    const unknown = routes.filter(({ method, url }) => {
      const parameters = [...url.matchAll(/:(\w+)/g)].map((match) => match[1]);

      return parameters.length === 0
        ? LIST_ROUTES[`${method} ${url}`] === undefined
        : parameters.some((name) => PARAMETERS[name] === undefined);
    });

    expect(routes.length).toBeGreaterThanOrEqual(10);
    expect(unknown).toEqual([]);
  });

  it("answers 404 problem+json on every portal route naming another customer's resource, which its owner reads", async () => {
    const leaks: string[] = [];
    for (const { method, url } of portalRoutes().filter((route) => route.url.includes(':'))) {
      const path = url.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(foreign[PARAMETERS[name]]));
      const owner = await bed.portal('lakeshore', path);
      const other = await bed.portal('midwest', path);

      expect(method).toBe('GET');
      expect(owner.status, `owner ${path}`).toBe(200);
      if (other.status !== 404 || !other.headers.get('content-type')?.startsWith('application/problem+json')) {
        leaks.push(`${method} ${url} -> ${other.status}`);
      }
      // The answer may repeat the id asked for, never anything the other customer's resource holds.
      for (const data of OWNER_DATA) {
        expect(JSON.stringify(other.body), path).not.toContain(data);
      }
    }

    expect(leaks).toEqual([]);
  });

  it("shows none of another customer's shipments or invoices on any portal list, whatever the filter", async () => {
    const leaks: string[] = [];
    for (const { method, url } of portalRoutes().filter((route) => !route.url.includes(':'))) {
      for (const query of LIST_ROUTES[`${method} ${url}`](foreign)) {
        const { status, body } = await bed.portal('midwest', `${url}${query}`);
        const text = JSON.stringify(body);

        expect(status, `${url}${query}`).toBe(200);
        if ([foreign.shipmentId, foreign.invoiceId, foreign.invoiceNumber].some((id) => text.includes(id))) {
          leaks.push(`${method} ${url}${query}`);
        }
      }
    }

    expect(leaks).toEqual([]);
  });
});
