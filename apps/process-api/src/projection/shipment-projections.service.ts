import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import type { ShipmentProjection } from '@lanegate/domain';

import { DispatchEventEntity } from './dispatch-event.entity.js';
import { ShipmentProjectionEntity } from './shipment-projection.entity.js';

/** A persisted projection with its bookkeeping. */
export interface StoredShipmentProjection {
  readonly projection: ShipmentProjection;
  readonly version: number;
  readonly eventCount: number;
  readonly updatedAt: Date;
}

/** Reads the persisted shipment projections; only the dispatch-projection consumer writes them. */
@Injectable()
export class ShipmentProjections {
  constructor(@InjectDataSource('process') private readonly dataSource: DataSource) {}

  /** The shipment's projection, or `null` before its creation has been consumed. */
  async find(shipmentId: string, manager?: EntityManager): Promise<StoredShipmentProjection | null> {
    const row = await (manager ?? this.dataSource.manager).findOneBy(ShipmentProjectionEntity, { shipmentId });
    if (row === null) {
      return null;
    }

    return {
      projection: JSON.parse(row.projection) as ShipmentProjection,
      version: row.version,
      eventCount: row.eventCount,
      updatedAt: row.updatedAt,
    };
  }

  /** Dispatch events received for the shipment that wait for it to be created. */
  parkedEventCount(shipmentId: string, manager?: EntityManager): Promise<number> {
    return (manager ?? this.dataSource.manager).countBy(DispatchEventEntity, { shipmentId, outcome: 'parked' });
  }
}
