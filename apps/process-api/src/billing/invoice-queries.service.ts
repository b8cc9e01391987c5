import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';

import { ResourceNotFoundError } from '@lanegate/platform';

import type { InvoicePage, InvoiceView, ListInvoicesQuery } from './billing.dto.js';
import { toInvoiceView } from './billing.service.js';
import { InvoiceEntity } from './invoice.entity.js';

const HELD_BY_ERP: InvoiceEntity['status'][] = ['posted', 'credited'];
const NOT_HELD_BY_ERP: InvoiceEntity['status'][] = ['posting', 'rejected'];

/** Reads invoices, credit memos and rebills across shipments, for finance views and customer portals. */
@Injectable()
export class InvoiceQueries {
  constructor(@InjectDataSource('process') private readonly dataSource: DataSource) {}

  async page(query: ListInvoicesQuery): Promise<InvoicePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const { customerId, shipmentId, erpDocumentNumber, kind, inErp } = query;
    const [rows, total] = await this.dataSource.manager.findAndCount(InvoiceEntity, {
      where: {
        ...(customerId === undefined ? {} : { customerId }),
        ...(shipmentId === undefined ? {} : { shipmentId }),
        ...(erpDocumentNumber === undefined ? {} : { erpDocumentNumber }),
        ...(kind === undefined ? {} : { kind }),
        ...(inErp === undefined ? {} : { status: In(inErp === 'true' ? HELD_BY_ERP : NOT_HELD_BY_ERP) }),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

    return { items: rows.map(toInvoiceView), total, page, pageSize };
  }

  /** One document; with `customerId`, only if it was billed to that customer. */
  async get(invoiceId: string, customerId?: string): Promise<InvoiceView> {
    const row = await this.dataSource.manager.findOneBy(InvoiceEntity, {
      id: invoiceId,
      ...(customerId === undefined ? {} : { customerId }),
    });
    if (row === null) {
      throw new ResourceNotFoundError('invoice', invoiceId);
    }

    return toInvoiceView(row);
  }
}
