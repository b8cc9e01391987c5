import type { ShipmentProjection, ShipmentStatus } from '@lanegate/domain';

import type { StoredShipmentProjection } from '../projection/index.js';
import type { ShipmentDispatchView, ShipmentView } from './shipment.dto.js';
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
        arrivedAt: null,
        departedAt: null,
      })),
    quote:
      shipment.contractId === null || shipment.laneId === null
        ? null
        : {
            contractId: shipment.contractId,
            laneId: shipment.laneId,
            currency: shipment.currency ?? '',
            linehaulCents: shipment.quotedLinehaulCents ?? 0,
            fuelSurchargeCents: shipment.quotedFuelSurchargeCents ?? 0,
            totalCents: shipment.quotedTotalCents ?? 0,
          },
    dispatch: null,
  };
}

/** The shipment with its dispatch state: stop times from the projection, and the projection itself. */
export function withDispatch(
  view: ShipmentView,
  stored: StoredShipmentProjection | null,
  parkedEventCount: number,
): ShipmentView {
  if (stored === null) {
    return view;
  }

  const { projection } = stored;
  const times = new Map(projection.stops.map((stop) => [stop.sequence, stop]));

  return {
    ...view,
    stops: view.stops.map((stop) => ({
      ...stop,
      arrivedAt: times.get(stop.sequence)?.arrivedAt ?? null,
      departedAt: times.get(stop.sequence)?.departedAt ?? null,
    })),
    dispatch: toDispatchView(projection, stored, parkedEventCount),
  };
}

function toDispatchView(
  projection: ShipmentProjection,
  stored: StoredShipmentProjection,
  parkedEventCount: number,
): ShipmentDispatchView {
  const proof = projection.proofOfDelivery;

  return {
    status: projection.status,
    resumeStatus: projection.resumeStatus,
    carrier: projection.carrier === null ? null : { scac: projection.carrier.scac, name: projection.carrier.name },
    routeMiles: projection.routeMiles,
    deliveredAt: projection.deliveredAt,
    proofOfDelivery:
      proof === null
        ? null
        : { capturedAt: proof.capturedAt, signedBy: proof.signedBy, documentUrl: proof.documentUrl ?? null },
    openExceptions: projection.openExceptions.map(({ code, reason, raisedAt }) => ({ code, reason, raisedAt })),
    accessorials: Object.values(projection.accessorials).map((accessorial) => ({
      accessorialId: accessorial.accessorialId,
      kind: accessorial.kind,
      state: accessorial.state,
      amountCents: accessorial.amountCents,
      submittedAmountCents: accessorial.submittedAmountCents,
      currency: accessorial.currency,
      description: accessorial.description,
      receiptUrl: accessorial.receiptUrl,
      rejectionReason: accessorial.rejectionReason,
    })),
    eventCount: stored.eventCount,
    parkedEventCount,
    version: stored.version,
    updatedAt: stored.updatedAt.toISOString(),
  };
}
