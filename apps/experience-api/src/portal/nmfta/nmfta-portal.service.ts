import { Inject, Injectable } from '@nestjs/common';

import { ApplicationError, ResourceNotFoundError } from '@lanegate/platform';

import type { ProcessInvoice, ProcessShipment } from '../../process-api.types.js';
import { PortalReads } from '../portal-reads.service.js';
import type { NmftaDocumentResponse, NmftaDocumentsQuery, NmftaInvoice, NmftaInvoicesQuery } from './nmfta.dto.js';
import { toNmftaDocuments, toNmftaInvoice } from './nmfta.mapper.js';

/** The standard's lists have no paging: they answer with the newest documents, at most the process layer's page. */
const LIST_LIMIT = 100;

/** A customer's invoices and their supporting documents in the shapes of the NMFTA Invoice & Documents standard. */
@Injectable()
export class NmftaPortal {
  constructor(@Inject(PortalReads) private readonly reads: PortalReads) {}

  async invoices(customerId: string, query: NmftaInvoicesQuery): Promise<NmftaInvoice[]> {
    const invoices =
      query.uniqueID === undefined
        ? await this.list(customerId, { shipmentId: query.shipmentID, erpDocumentNumber: query.invoiceNumber })
        : await this.optional(this.reads.invoice(customerId, query.uniqueID));
    const mapped = await this.withShipments(customerId, invoices, toNmftaInvoice);

    return mapped.filter(
      (invoice) =>
        same(query.shipmentID, invoice.shipmentID) &&
        same(query.invoiceNumber, invoice.invoiceHeader.invoiceNumber) &&
        same(query.DOT, invoice.DOT) &&
        same(query.MC, invoice.MC),
    );
  }

  async invoice(customerId: string, uniqueID: string): Promise<NmftaInvoice> {
    const invoice = await this.reads.invoice(customerId, uniqueID);

    return toNmftaInvoice(invoice, await this.reads.shipment(customerId, invoice.shipmentId));
  }

  async documents(customerId: string, query: NmftaDocumentsQuery): Promise<NmftaDocumentResponse[]> {
    const invoices = await this.list(customerId, { erpDocumentNumber: query.invoiceNumber });
    const mapped = await this.withShipments(customerId, invoices, (invoice, shipment) =>
      toNmftaDocuments(invoice, shipment, query.documentType),
    );

    return mapped.filter(
      (response) => response.documents.length > 0 && same(query.DOT, response.DOT) && same(query.MC, response.MC),
    );
  }

  async documentsOf(customerId: string, invoiceNumber: string): Promise<NmftaDocumentResponse> {
    const [invoice] = await this.list(customerId, { erpDocumentNumber: invoiceNumber });
    if (invoice === undefined) {
      throw new ResourceNotFoundError('invoice', invoiceNumber);
    }

    return toNmftaDocuments(invoice, await this.reads.shipment(customerId, invoice.shipmentId));
  }

  private async list(
    customerId: string,
    filter: { shipmentId?: string; erpDocumentNumber?: string },
  ): Promise<ProcessInvoice[]> {
    return (await this.reads.invoices(customerId, { ...filter, pageSize: LIST_LIMIT })).items;
  }

  /** Each invoice mapped with its shipment, each shipment read once. */
  private async withShipments<T>(
    customerId: string,
    invoices: ProcessInvoice[],
    map: (invoice: ProcessInvoice, shipment: ProcessShipment) => T,
  ): Promise<T[]> {
    const shipments = new Map<string, Promise<ProcessShipment>>();
    const shipmentOf = (shipmentId: string): Promise<ProcessShipment> => {
      const known = shipments.get(shipmentId) ?? this.reads.shipment(customerId, shipmentId);
      shipments.set(shipmentId, known);

      return known;
    };

    return Promise.all(invoices.map(async (invoice) => map(invoice, await shipmentOf(invoice.shipmentId))));
  }

  /** The one document, or none when it is not this customer's (or does not exist). */
  private async optional(read: Promise<ProcessInvoice>): Promise<ProcessInvoice[]> {
    try {
      return [await read];
    } catch (error) {
      if (error instanceof ApplicationError && error.status === 404) {
        return [];
      }
      throw error;
    }
  }
}

/** True when no filter value is given, or it equals the value. */
function same(filter: string | undefined, value: string): boolean {
  return filter === undefined || filter === value;
}
