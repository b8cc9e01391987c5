import type { AxiosInstance } from 'axios';
import { describe, expect, it } from 'vitest';

import { ResourceNotFoundError } from '@lanegate/platform';

import { PortalReads } from './portal-reads.service.js';
import { processInvoice, processShipment } from './process-answers.fixture.js';

/** A process layer that answers every read with `data`, and remembers what it was asked. */
function processLayer(data: unknown): { client: AxiosInstance; asked: { url: string; params: unknown }[] } {
  const asked: { url: string; params: unknown }[] = [];
  const client = {
    get: (url: string, config: { params: unknown }) => {
      asked.push({ url, params: config.params });

      return Promise.resolve({ data });
    },
  } as unknown as AxiosInstance;

  return { client, asked };
}

describe(PortalReads.name, () => {
  it("names the customer on every read, last, so that no filter of the caller's replaces it", async () => {
    const { client, asked } = processLayer({ items: [], total: 0, page: 1, pageSize: 25 });
    const reads = new PortalReads(client);

    await reads.shipments('C-1001', { customerId: 'C-1002' } as never);
    await reads.invoices('C-1001', { customerId: 'C-1002' } as never);

    expect(asked.map(({ params }) => (params as { customerId: string }).customerId)).toEqual(['C-1001', 'C-1001']);
  });

  it('keeps one id as one path segment', async () => {
    const { client, asked } = processLayer(processShipment());

    await new PortalReads(client).shipment('C-1001', 'SHP-1/../../invoices');

    expect(asked[0].url).toBe('/process/v1/shipments/SHP-1%2F..%2F..%2Finvoices');
  });

  it("withholds another customer's shipment or invoice, should the process layer ever answer one", async () => {
    const foreignShipment = processShipment({ customerId: 'C-1002' });
    const foreignInvoice = processInvoice({ customerId: 'C-1002' });

    await expect(new PortalReads(processLayer(foreignShipment).client).shipment('C-1001', 'SHP-1')).rejects.toThrow(
      ResourceNotFoundError,
    );
    await expect(new PortalReads(processLayer(foreignInvoice).client).invoice('C-1001', 'INV-1')).rejects.toThrow(
      ResourceNotFoundError,
    );
    const page = { items: [processShipment(), foreignShipment], total: 2, page: 1, pageSize: 25 };
    const { items } = await new PortalReads(processLayer(page).client).shipments('C-1001', {});
    expect(items.map((item) => item.customerId)).toEqual(['C-1001']);
  });

  it('shows only documents the ERP holds: not a posting in flight, not a rejected one', async () => {
    const documents = [
      processInvoice({ id: 'INV-1', status: 'posting' }),
      processInvoice({ id: 'INV-2', status: 'rejected' }),
      processInvoice({ id: 'INV-3', status: 'credited' }),
      processInvoice({ id: 'CM-3', status: 'posted' }),
    ];
    const reads = new PortalReads(processLayer({ items: documents }).client);

    expect((await reads.invoicesOf('C-1001', 'SHP-1')).map((invoice) => invoice.id)).toEqual(['INV-3', 'CM-3']);
    await expect(new PortalReads(processLayer(documents[0]).client).invoice('C-1001', 'INV-1')).rejects.toThrow(
      ResourceNotFoundError,
    );
  });
});
