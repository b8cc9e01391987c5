import type { EntityManager } from 'typeorm';

import { ShipmentEntity } from './shipment.entity.js';

/**
 * Reads a shipment inside the caller's transaction and, on PostgreSQL, locks its row until the transaction ends, so
 * that the consumers that move a shipment's status (dispatch projection, billing) never decide from a stale read.
 * SQLite runs one transaction of the layer at a time, which already gives that.
 */
export async function lockShipment(manager: EntityManager, id: string): Promise<ShipmentEntity | null> {
  if (manager.connection.options.type === 'postgres') {
    // Without relations: PostgreSQL refuses FOR UPDATE on the outer join the eager stops would add.
    await manager
      .createQueryBuilder(ShipmentEntity, 'shipment')
      .select('shipment.id')
      .where('shipment.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  return manager.findOneBy(ShipmentEntity, { id });
}
