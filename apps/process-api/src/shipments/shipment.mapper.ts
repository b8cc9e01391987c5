import type { ShipmentStatus } from '@lanegate/domain';

import type { ShipmentView } from './shipment.dto.js';
import type { ShipmentEntity } from './shipment.entity.js';

export function toShipmentView(shipment: ShipmentEntity): ShipmentView {
  return {
    id: shipment.id,
    customerId: shipment.customerId,
    status: shipment.status as ShipmentStatus,
    purchaseOrder: shipment.purchaseOrder,
    routeMiles: shipment.routeMiles,
    correlationId: shipment.correlationId,
    version: shipment.version,
    createdAt: shipment.createdAt.toISOString(),
    stops: [...(shipment.stops ?? [])]
      .sort((a, b) => a.sequence - b.sequence)
      .map((stop) => ({
        sequence: stop.sequence,
        kind: stop.kind,
        name: stop.name,
        city: stop.city,
        region: stop.region,
        postalCode: stop.postalCode,
        country: stop.country,
        appointmentAt: stop.appointmentAt.toISOString(),
      })),
  };
}
