import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AxiosInstance } from 'axios';

import { ResourceNotFoundError } from '@lanegate/platform';

import { PROCESS_API } from '../process-api.client.js';
import type {
  ProcessInvoice,
  ProcessInvoicePage,
  ProcessShipment,
  ProcessShipmentPage,
  ProcessTimelinePage,
} from '../process-api.types.js';

/** The process layer's largest page. */
const MAX_PAGE_SIZE = 100;

export interface ShipmentFilter {
  status?: string;
  createdFrom?: string;
  createdTo?: string;
  page?: number;
  pageSize?: number;
}

export interface InvoiceFilter {
  shipmentId?: string;
  erpDocumentNumber?: string;
  page?: number;
  pageSize?: number;
}

/**
 * What a portal customer may read, from the process layer. Every call names the customer, so the process layer
 * answers another customer's shipment or invoice with 404 and foreign data never reaches this layer; what comes back
 * is checked against the customer all the same. Only the documents the ERP holds (posted, or posted and since
 * credited) are the customer's invoices: a posting still in flight or one the ERP rejected was never issued.
 */
@Injectable()
export class PortalReads {
  private readonly logger = new Logger(PortalReads.name);

  constructor(@Inject(PROCESS_API) private readonly processApi: AxiosInstance) {}

  async shipments(customerId: string, filter: ShipmentFilter): Promise<ProcessShipmentPage> {
    const { data } = await this.processApi.get<ProcessShipmentPage>('/process/v1/shipments', {
      params: { ...filter, customerId },
    });

    return { ...data, items: this.own(customerId, data.items) };
  }

  async shipment(customerId: string, shipmentId: string): Promise<ProcessShipment> {
    const { data } = await this.processApi.get<ProcessShipment>(`/process/v1/shipments/${segment(shipmentId)}`, {
      params: { customerId },
    });
    if (this.own(customerId, [data]).length === 0) {
      throw new ResourceNotFoundError('shipment', shipmentId);
    }

    return data;
  }

  /** Every `status.changed` entry of the shipment's timeline, oldest first. */
  async statusChanges(customerId: string, shipmentId: string): Promise<ProcessTimelinePage['items']> {
    const entries: ProcessTimelinePage['items'] = [];
    for (let page = 1; ; page += 1) {
      const { data } = await this.processApi.get<ProcessTimelinePage>(
        `/process/v1/shipments/${segment(shipmentId)}/timeline`,
        { params: { customerId, kind: 'status.changed', page, pageSize: MAX_PAGE_SIZE } },
      );
      entries.push(...data.items);
      if (data.items.length < MAX_PAGE_SIZE || entries.length >= data.total) {
        return entries;
      }
    }
  }

  /** The shipment's invoices, credit memos and rebills that the ERP holds, oldest first. */
  async invoicesOf(customerId: string, shipmentId: string): Promise<ProcessInvoice[]> {
    const { data } = await this.processApi.get<{ items: ProcessInvoice[] }>(
      `/process/v1/shipments/${segment(shipmentId)}/invoices`,
      { params: { customerId } },
    );

    return this.own(customerId, data.items).filter(heldByErp);
  }

  async invoice(customerId: string, invoiceId: string): Promise<ProcessInvoice> {
    const { data } = await this.processApi.get<ProcessInvoice>(`/process/v1/invoices/${segment(invoiceId)}`, {
      params: { customerId },
    });
    if (this.own(customerId, [data]).length === 0 || !heldByErp(data)) {
      throw new ResourceNotFoundError('invoice', invoiceId);
    }

    return data;
  }

  /** The customer's documents that the ERP holds, newest first. */
  async invoices(customerId: string, filter: InvoiceFilter): Promise<ProcessInvoicePage> {
    const { data } = await this.processApi.get<ProcessInvoicePage>('/process/v1/invoices', {
      params: { ...filter, customerId, inErp: 'true' },
    });

    return { ...data, items: this.own(customerId, data.items) };
  }

  /**
   * The customer's own of what the process layer answered. It filters by customer, so anything else is a defect
   * there: it is dropped, never shown, and logged for the operators.
   */
  private own<T extends { id: string; customerId: string }>(customerId: string, items: T[]): T[] {
    const foreign = items.filter((item) => item.customerId !== customerId);
    if (foreign.length > 0) {
      this.logger.error(
        { customerId, foreignIds: foreign.map((item) => item.id) },
        `the process layer answered ${foreign.length} record(s) of other customers to a read scoped to ${customerId}; ` +
          'they were withheld from the portal',
      );
    }

    return foreign.length === 0 ? items : items.filter((item) => item.customerId === customerId);
  }
}

function heldByErp(invoice: ProcessInvoice): boolean {
  return invoice.status === 'posted' || invoice.status === 'credited';
}

/** An id as one path segment, so that no id can name another route. */
function segment(id: string): string {
  return encodeURIComponent(id);
}
