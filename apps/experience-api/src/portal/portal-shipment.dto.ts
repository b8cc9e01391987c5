import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

import { SHIPMENT_STATUSES, type ShipmentStatus } from '@lanegate/domain';
import { IsIsoInstant, PageQuery, PageView } from '@lanegate/platform';

export const SHIPMENT_ID_PARAM = {
  name: 'shipmentId',
  description: 'Lanegate shipment id.',
  example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
};

/** Filter and page of the portal's shipment list. */
export class PortalShipmentsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Only shipments in this canonical status.',
    enum: SHIPMENT_STATUSES,
    example: 'delivered',
  })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES, { message: `status must be one of ${SHIPMENT_STATUSES.join(', ')}` })
  status?: ShipmentStatus;

  @ApiPropertyOptional({
    description: 'Only shipments created at or after this instant: an ISO 8601 date (midnight UTC) or zoned date-time.',
    example: '2026-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant('createdFrom')
  createdFrom?: string;

  @ApiPropertyOptional({
    description: 'Only shipments created before this instant (exclusive): an ISO 8601 date or zoned date-time.',
    example: '2027-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoInstant('createdTo')
  createdTo?: string;
}

export class PortalShipmentView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  id: string;

  @ApiProperty({ description: 'Canonical shipment status.', enum: SHIPMENT_STATUSES, example: 'in_transit' })
  status: string;

  @ApiPropertyOptional({
    description: 'Your purchase order number.',
    example: 'PO-88123',
    type: String,
    nullable: true,
  })
  purchaseOrder: string | null;

  @ApiProperty({ description: 'When the shipment was created (UTC).', example: '2026-12-03T19:30:00.000Z' })
  createdAt: string;
}

export class PortalShipmentPage extends PageView {
  @ApiProperty({ description: 'Your shipments, newest first.', type: [PortalShipmentView] })
  items: PortalShipmentView[];
}

export class PortalStopView {
  @ApiProperty({ description: 'Position of the stop on the route, from 1.', example: 1 })
  sequence: number;

  @ApiProperty({
    description: 'Whether freight is picked up or delivered here.',
    enum: ['pickup', 'delivery'],
    example: 'pickup',
  })
  kind: string;

  @ApiProperty({ description: 'Facility name.', example: 'Midwest Paper DC' })
  name: string;

  @ApiProperty({ description: 'City.', example: 'Chicago' })
  city: string;

  @ApiProperty({ description: 'State or province code.', example: 'IL' })
  region: string;

  @ApiProperty({ description: 'Postal code.', example: '60607' })
  postalCode: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code.', example: 'US' })
  country: string;

  @ApiProperty({ description: 'Appointment time (UTC).', example: '2026-12-07T14:00:00.000Z' })
  appointmentAt: string;

  @ApiPropertyOptional({
    description: 'When the truck arrived (UTC); null until then.',
    example: '2026-12-07T13:50:00.000Z',
    type: String,
    nullable: true,
  })
  arrivedAt: string | null;

  @ApiPropertyOptional({
    description: 'When the truck left (UTC); null until then.',
    example: '2026-12-07T15:10:00.000Z',
    type: String,
    nullable: true,
  })
  departedAt: string | null;
}

export class PortalCarrierView {
  @ApiProperty({ description: 'Standard Carrier Alpha Code.', example: 'KNXT' })
  scac: string;

  @ApiProperty({ description: "The carrier's name.", example: 'Knight Transportation' })
  name: string;
}

export const PORTAL_TIMELINE_KINDS = [
  'status_changed',
  'arrived',
  'departed',
  'delivered',
  'proof_of_delivery_captured',
  'invoice_posted',
  'credit_memo_posted',
  'rebill_posted',
] as const;

export type PortalTimelineKind = (typeof PORTAL_TIMELINE_KINDS)[number];

export class PortalTimelineEntryView {
  @ApiProperty({
    description:
      'When it happened (UTC): the time the carrier reported for stops, delivery and proof of delivery; the time ' +
      'Lanegate recorded a status change; the time the ERP posted a document.',
    example: '2026-12-08T09:50:00.000Z',
  })
  at: string;

  @ApiProperty({ description: 'What happened.', enum: PORTAL_TIMELINE_KINDS, example: 'arrived' })
  kind: PortalTimelineKind;

  @ApiProperty({ description: 'One sentence for people.', example: 'Arrived at Buckeye Grocers, Columbus OH' })
  summary: string;

  @ApiPropertyOptional({
    description: 'For a status change: the status the shipment moved to.',
    enum: SHIPMENT_STATUSES,
    example: 'delivered',
  })
  status?: string;

  @ApiPropertyOptional({ description: 'For an arrival or departure: the stop.', example: 2 })
  stopSequence?: number;

  @ApiPropertyOptional({ description: 'For a posted document: its id.', example: 'INV-SHP-3f2c9a4e-v1' })
  invoiceId?: string;

  @ApiPropertyOptional({ description: "For a posted document: the ERP's document number.", example: 'INV-000123' })
  erpDocumentNumber?: string;
}

export class PortalShipmentDetailView extends PortalShipmentView {
  @ApiProperty({
    description: 'Stops in route order, with appointment, arrival and departure.',
    type: [PortalStopView],
  })
  stops: PortalStopView[];

  @ApiPropertyOptional({
    description: 'The carrier moving the load; null until one is assigned.',
    type: PortalCarrierView,
    nullable: true,
  })
  carrier: PortalCarrierView | null;

  @ApiPropertyOptional({
    description: "Route miles of the carrier's current route, or the planned miles before assignment.",
    example: 436,
    type: Number,
    nullable: true,
  })
  routeMiles: number | null;

  @ApiPropertyOptional({
    description: 'When the load was delivered (UTC); null until then.',
    example: '2026-12-08T12:40:00.000Z',
    type: String,
    nullable: true,
  })
  deliveredAt: string | null;

  @ApiProperty({ description: 'Whether the signed proof of delivery has been captured.', example: true })
  proofOfDeliveryCaptured: boolean;

  @ApiProperty({
    description:
      'What happened to the shipment, oldest first: status changes, arrivals and departures, delivery, proof of ' +
      'delivery and documents posted.',
    type: [PortalTimelineEntryView],
  })
  timeline: PortalTimelineEntryView[];
}

export class PortalProofOfDeliveryView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'When the receipt was signed (UTC).', example: '2026-12-08T13:20:00Z' })
  capturedAt: string;

  @ApiProperty({ description: 'Who signed, as written on the receipt.', example: 'M. Alvarez' })
  signedBy: string;

  @ApiPropertyOptional({
    description:
      'Where the dispatch platform keeps the signed image or document, when it sent a reference; Lanegate keeps ' +
      'no copy of the image.',
    example: 'https://pod.example.com/7781.pdf',
    type: String,
    nullable: true,
  })
  documentUrl: string | null;

  @ApiPropertyOptional({
    description: 'When the load was delivered (UTC).',
    example: '2026-12-08T12:40:00.000Z',
    type: String,
    nullable: true,
  })
  deliveredAt: string | null;
}
