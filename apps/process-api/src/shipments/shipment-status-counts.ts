import type { Repository } from 'typeorm';

import { SHIPMENT_STATUSES, type ShipmentStatus } from '@lanegate/domain';

import type { ShipmentEntity } from './shipment.entity.js';

/** Number of shipments in each canonical status, every status present (zero when none is in it). */
export async function countShipmentsByStatus(
  shipments: Repository<ShipmentEntity>,
): Promise<Record<ShipmentStatus, number>> {
  const rows = await shipments
    .createQueryBuilder('shipment')
    .select('shipment.status', 'status')
    .addSelect('COUNT(*)', 'count')
    .groupBy('shipment.status')
    .getRawMany<{ status: ShipmentStatus; count: string | number }>();
  const counts = Object.fromEntries(SHIPMENT_STATUSES.map((status) => [status, 0])) as Record<ShipmentStatus, number>;
  for (const row of rows) {
    counts[row.status] = Number(row.count);
  }

  return counts;
}
