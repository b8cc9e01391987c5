import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import {
  ACCESSORIAL_STATES,
  type AccessorialKind,
  type AccessorialState,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  SUBMITTED_ACCESSORIAL_KINDS,
} from '@lanegate/domain';
import { IsIsoInstant, PageQuery } from '@lanegate/platform';

export const STOP_KINDS = ['pickup', 'delivery'] as const;

const CUSTOMER_ID = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/** An ERP customer id: 1-40 upper-case letters, digits or dashes. */
export function IsCustomerId(): PropertyDecorator {
  return Matches(CUSTOMER_ID, { message: 'customerId must be 1-40 upper-case letters, digits or dashes' });
}

export class StopDto {
  @ApiProperty({ description: 'Whether freight is picked up or delivered here.', enum: STOP_KINDS, example: 'pickup' })
  @IsIn(STOP_KINDS)
  kind: (typeof STOP_KINDS)[number];

  @ApiProperty({ description: 'Facility name.', example: 'Midwest Paper DC' })
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiProperty({ description: 'City.', example: 'Chicago' })
  @IsString()
  @Length(1, 80)
  city: string;

  @ApiProperty({ description: 'State or province code.', example: 'IL' })
  @Matches(/^[A-Z]{2,3}$/, { message: 'region must be a 2 or 3 letter upper-case code' })
  region: string;

  @ApiProperty({ description: 'Postal code.', example: '60607' })
  @IsString()
  @Length(3, 12)
  postalCode: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code.', example: 'US' })
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiProperty({ description: 'Appointment time, ISO 8601 in UTC.', example: '2026-12-07T14:00:00Z' })
  @IsISO8601({ strict: true })
  appointmentAt: string;
}

export class CreateShipmentDto {
  @ApiProperty({ description: 'The ERP customer (shipper) who pays for the move.', example: 'C-1001' })
  @IsCustomerId()
  customerId: string;

  @ApiPropertyOptional({ description: "The customer's purchase order number.", example: 'PO-88123' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  purchaseOrder?: string;

  @ApiPropertyOptional({ description: 'Planned route miles.', example: 410, minimum: 1, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  routeMiles?: number;

  @ApiProperty({
    description: 'Stops in route order: the first is a pickup, the last a delivery.',
    type: [StopDto],
    minItems: 2,
    maxItems: 20,
  })
  @ValidateNested({ each: true })
  @Type(() => StopDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  stops: StopDto[];
}

export class ShipmentStopView extends StopDto {
  @ApiProperty({ description: 'Position of the stop on the route, from 1.', example: 1 })
  sequence: number;

  @ApiPropertyOptional({
    description: 'When the truck arrived, as the dispatch events report (UTC); null until then.',
    example: '2026-12-07T13:50:00.000Z',
    type: String,
    nullable: true,
  })
  arrivedAt: string | null;

  @ApiPropertyOptional({
    description: 'When the truck left, as the dispatch events report (UTC); null until then.',
    example: '2026-12-07T15:10:00.000Z',
    type: String,
    nullable: true,
  })
  departedAt: string | null;
}

export class CarrierView {
  @ApiProperty({ description: 'Standard Carrier Alpha Code.', example: 'SWFT' })
  scac: string;

  @ApiProperty({ description: "The carrier's name.", example: 'Swift Transportation' })
  name: string;
}

export class ProofOfDeliveryView {
  @ApiProperty({ description: 'When the receipt was signed (UTC).', example: '2026-12-08T09:32:00Z' })
  capturedAt: string;

  @ApiProperty({ description: 'Who signed, as written on the receipt.', example: 'J. Ortiz' })
  signedBy: string;

  @ApiPropertyOptional({
    description: 'Where the image or document is kept, when the platform sent one.',
    example: 'https://docs.acme-tms.example/pod/558812.pdf',
    type: String,
    nullable: true,
  })
  documentUrl: string | null;
}

export class OpenExceptionView {
  @ApiProperty({ description: 'The vendor or X12 status code, e.g. `SD` (shipment delayed).', example: 'SD' })
  code: string;

  @ApiProperty({ description: 'What the platform said happened.', example: 'Road closure on I-80, rerouting' })
  reason: string;

  @ApiProperty({ description: 'When it was raised (UTC).', example: '2026-12-07T18:05:00Z' })
  raisedAt: string;
}

export class ShipmentAccessorialView {
  @ApiProperty({ description: 'Id of the accessorial request.', example: 'ACC-7781-lumper' })
  accessorialId: string;

  @ApiProperty({ description: 'Kind of accessorial charge.', enum: SUBMITTED_ACCESSORIAL_KINDS, example: 'lumper' })
  kind: AccessorialKind;

  @ApiProperty({
    description: 'Where its approval stands; kinds that need no approval are approved on submission.',
    enum: ACCESSORIAL_STATES,
    example: 'pending_approval',
  })
  state: AccessorialState;

  @ApiProperty({
    description: 'Integer cents: the approved amount once approved, the submitted amount otherwise.',
    example: 18500,
  })
  amountCents: number;

  @ApiProperty({ description: 'The amount submitted, in integer cents.', example: 18500 })
  submittedAmountCents: number;

  @ApiProperty({ description: 'ISO 4217 currency code.', example: 'USD' })
  currency: string;

  @ApiPropertyOptional({
    description: 'What the charge is for.',
    example: 'Lumper at Buckeye Grocers',
    type: String,
    nullable: true,
  })
  description: string | null;

  @ApiPropertyOptional({
    description: 'Where the receipt is kept.',
    example: 'https://docs.acme-tms.example/receipts/5521.pdf',
    type: String,
    nullable: true,
  })
  receiptUrl: string | null;

  @ApiPropertyOptional({
    description: 'Why it was rejected; null unless rejected.',
    example: 'No lumper receipt attached',
    type: String,
    nullable: true,
  })
  rejectionReason: string | null;
}

export class ShipmentDispatchView {
  @ApiProperty({
    description:
      'The status the dispatch events alone give. The shipment `status` is the same, except after delivery, where ' +
      'billing sets `billing_hold`, `billing_ready` or `invoice_posted`.',
    enum: SHIPMENT_STATUSES,
    example: 'delivered',
  })
  status: ShipmentStatus;

  @ApiPropertyOptional({
    description: 'While an exception is open: the status the shipment returns to once it is cleared.',
    enum: SHIPMENT_STATUSES,
    example: 'in_transit',
    nullable: true,
  })
  resumeStatus: ShipmentStatus | null;

  @ApiPropertyOptional({
    description: 'The carrier of the latest assignment; null before any.',
    type: CarrierView,
    nullable: true,
  })
  carrier: CarrierView | null;

  @ApiPropertyOptional({
    description: 'Route miles of the latest assignment, or the planned miles before any; linehaul is rated on them.',
    example: 436,
    type: Number,
    nullable: true,
  })
  routeMiles: number | null;

  @ApiPropertyOptional({
    description: 'When the load was delivered (UTC); null until then.',
    example: '2026-12-08T09:30:00.000Z',
    type: String,
    nullable: true,
  })
  deliveredAt: string | null;

  @ApiPropertyOptional({
    description: 'The signed delivery receipt; null until captured.',
    type: ProofOfDeliveryView,
    nullable: true,
  })
  proofOfDelivery: ProofOfDeliveryView | null;

  @ApiProperty({ description: 'Exceptions raised and not cleared, oldest first.', type: [OpenExceptionView] })
  openExceptions: OpenExceptionView[];

  @ApiProperty({ description: 'Accessorials submitted, with their approval state.', type: [ShipmentAccessorialView] })
  accessorials: ShipmentAccessorialView[];

  @ApiProperty({ description: 'Distinct dispatch events folded into this state, rejected ones included.', example: 7 })
  eventCount: number;

  @ApiProperty({
    description: 'Dispatch events received before the shipment existed, not applied yet; they apply on creation.',
    example: 0,
  })
  parkedEventCount: number;

  @ApiProperty({ description: 'Goes up by one each time the dispatch state is folded again.', example: 8 })
  version: number;

  @ApiProperty({ description: 'When the dispatch state was last folded (UTC).', example: '2026-12-08T10:05:01.250Z' })
  updatedAt: string;
}

export class ShipmentQuoteView {
  @ApiProperty({ description: "The customer's rate contract in the ERP.", example: 'CTR-2026-1001' })
  contractId: string;

  @ApiProperty({ description: 'The contract lane that prices the shipment.', example: 'LN-1001-01' })
  laneId: string;

  @ApiProperty({ description: 'ISO 4217 currency of the amounts.', example: 'USD' })
  currency: string;

  @ApiProperty({ description: 'Linehaul on the ordered miles, in cents.', example: 116850 })
  linehaulCents: number;

  @ApiProperty({
    description: 'Fuel surcharge on the ordered miles at the diesel price of the pickup date, in cents.',
    example: 19680,
  })
  fuelSurchargeCents: number;

  @ApiProperty({
    description:
      'Linehaul plus fuel surcharge, in cents: what the credit check approved. Detention and ' +
      'accessorials come from dispatch events later.',
    example: 136530,
  })
  totalCents: number;
}

export class ShipmentView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-01JEZ7K3QW6M8N2P4R5T7V9X1Y' })
  id: string;

  @ApiProperty({ description: 'The ERP customer (shipper).', example: 'C-1001' })
  customerId: string;

  @ApiProperty({ description: 'Canonical shipment status.', enum: SHIPMENT_STATUSES, example: 'created' })
  status: ShipmentStatus;

  @ApiPropertyOptional({
    description: "The customer's purchase order number.",
    example: 'PO-88123',
    type: String,
    nullable: true,
  })
  purchaseOrder: string | null;

  @ApiPropertyOptional({
    description: 'Planned route miles, as ordered; `dispatch.routeMiles` are the miles of the current assignment.',
    example: 410,
    type: Number,
    nullable: true,
  })
  routeMiles: number | null;

  @ApiProperty({ description: 'Stops in route order, with arrival and departure times.', type: [ShipmentStopView] })
  stops: ShipmentStopView[];

  @ApiPropertyOptional({
    description: 'The rated quote the shipment was accepted at; null on shipments stored without one.',
    type: ShipmentQuoteView,
    nullable: true,
  })
  quote: ShipmentQuoteView | null;

  @ApiPropertyOptional({
    description:
      'Dispatch state folded from the dispatch events: carrier, miles, proof of delivery, open exceptions, ' +
      'accessorials. Null for a moment after creation, until the creation has been projected.',
    type: ShipmentDispatchView,
    nullable: true,
  })
  dispatch: ShipmentDispatchView | null;

  @ApiProperty({ description: 'Correlation id of the request that created the shipment.', example: 'order-7781' })
  correlationId: string;

  @ApiProperty({ description: 'Optimistic-concurrency version.', example: 1 })
  version: number;

  @ApiProperty({ description: 'When the shipment was created (UTC).', example: '2026-12-03T19:30:00.000Z' })
  createdAt: string;
}

export class ShipmentPage {
  @ApiProperty({ description: 'Shipments on this page, newest first.', type: [ShipmentView] })
  items: ShipmentView[];

  @ApiProperty({ description: 'Number of shipments matching the filter.', example: 42 })
  total: number;

  @ApiProperty({ description: 'Page number, from 1.', example: 1 })
  page: number;

  @ApiProperty({ description: 'Page size.', example: 25 })
  pageSize: number;
}

export class ListShipmentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only shipments of this customer.', example: 'C-1001' })
  @IsOptional()
  @IsCustomerId()
  customerId?: string;

  @ApiPropertyOptional({
    description: 'Only shipments in this canonical status.',
    enum: SHIPMENT_STATUSES,
    example: 'delivered',
  })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES)
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

/** Names the customer the caller acts for: another customer's resource then answers 404, as if it did not exist. */
export class CustomerScopeQuery {
  @ApiPropertyOptional({
    description:
      "Only if it belongs to this customer; another customer's resource answers 404 as if it did not exist. " +
      'The experience layer passes the customer of a portal token.',
    example: 'C-1001',
  })
  @IsOptional()
  @IsCustomerId()
  customerId?: string;
}

export class StatusCountsView {
  @ApiProperty({
    description: 'Number of shipments per canonical status; every status is present.',
    example: { created: 3, dispatched: 2, in_transit: 5, delivered: 1 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  counts: Record<string, number>;
}
