import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { ShipmentTimelineEntryEntity } from './shipment-timeline-entry.entity.js';

/** What happened to a shipment, for its timeline. */
export interface TimelineEntry {
  readonly shipmentId: string;
  /** Dotted kind, e.g. `dispatch_event.received`, `status.changed`, `charge.decided`, `erp.invoice_posted`. */
  readonly kind: string;
  /** One sentence for people. */
  readonly summary: string;
  readonly details?: Record<string, unknown>;
  readonly correlationId?: string | null;
  /** Who or what caused it: a dispatch platform, `ops`, `billing`, `erp`. */
  readonly source?: string | null;
  /** When it happened; now unless given. */
  readonly at?: Date;
}

export interface TimelineEntryRecord extends Required<Omit<TimelineEntry, 'at'>> {
  readonly position: string;
  readonly at: Date;
}

/** A shipment's timeline: dispatch events and their decisions, status changes, charges and ERP calls, in order. */
@Injectable()
export class ShipmentTimeline {
  constructor(@InjectDataSource('process') private readonly dataSource: DataSource) {}

  /** Adds an entry inside the caller's transaction, so it commits with the change it describes. */
  async record(manager: EntityManager, entry: TimelineEntry): Promise<void> {
    await manager.insert(ShipmentTimelineEntryEntity, {
      shipmentId: entry.shipmentId,
      at: entry.at ?? new Date(),
      kind: entry.kind,
      summary: entry.summary,
      details: JSON.stringify(entry.details ?? {}),
      correlationId: entry.correlationId ?? null,
      source: entry.source ?? null,
    });
  }

  /** One page of a shipment's entries (of one kind, if given), oldest first, and how many there are. */
  async page(selection: {
    shipmentId: string;
    kind?: string;
    page: number;
    pageSize: number;
  }): Promise<{ items: TimelineEntryRecord[]; total: number }> {
    const { shipmentId, kind, page, pageSize } = selection;
    const [rows, total] = await this.dataSource.getRepository(ShipmentTimelineEntryEntity).findAndCount({
      where: { shipmentId, ...(kind === undefined ? {} : { kind }) },
      order: { position: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });

    return {
      total,
      items: rows.map((row) => ({
        position: String(row.position),
        shipmentId: row.shipmentId,
        at: row.at,
        kind: row.kind,
        summary: row.summary,
        details: JSON.parse(row.details) as Record<string, unknown>,
        correlationId: row.correlationId,
        source: row.source,
      })),
    };
  }
}
