import { Inject, Injectable } from '@nestjs/common';

import { ApplicationError, ResourceNotFoundError } from '@lanegate/platform';

import type { ProcessInvoice, ProcessShipment } from '../../process-api.types.js';
import { PortalReads } from '../portal-reads.service.js';
import type { NmftaDocumentResponse, NmftaDocumentsQuery, NmftaInvoice, NmftaInvoicesQuery } from './nmfta.dto.js';
import { toNmftaDocuments, toNmftaInvoice } from './nmfta.mapper.js';

/** The standard's lists have no paging: they answer with the newest documents, at most the process layer's page. */
const LIST_LIMIT = 100;

/** Shipments read from the process layer at once while a list is mapped. */
const CONCURRENT_READS = 8;

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

  /** Each invoice mapped with its shipment; each shipment is read once, a few at a time. */
  private async withShipments<T>(
    customerId: string,
    invoices: ProcessInvoice[],
    map: (invoice: ProcessInvoice, shipment: ProcessShipment) => T,
  ): Promise<T[]> {
    const ids = [...new Set(invoices.map((invoice) => invoice.shipmentId))];
    const shipments = new Map<string, ProcessShipment>();
    for (let start = 0; start < ids.length; start += CONCURRENT_READS) {
      const batch = await Promise.all(
        ids.slice(start, start + CONCURRENT_READS).map((id) => this.reads.shipment(customerId, id)),
      );
      batch.forEach((shipment) => shipments.set(shipment.id, shipment));
    }

    return invoices.flatMap((invoice) => {
      const shipment = shipments.get(invoice.shipmentId);

      return shipment === undefined ? [] : [map(invoice, shipment)];
    });
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
