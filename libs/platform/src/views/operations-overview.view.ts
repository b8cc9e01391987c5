/**
 * The operations overview and shipment chain as the process layer computes them and the experience layer shows
 * them: one contract, published by both layers' documents, so the two cannot drift apart.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class OverviewQuery {
  @ApiPropertyOptional({
    description: 'How many hours back the latency and SLA figures look (1 to 720).',
    example: 24,
    default: 24,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  windowHours?: number;
}

export class OverviewWindowView {
  @ApiProperty({ description: 'Start of the window (UTC).', example: '2026-12-03T08:00:00.000Z' })
  from: string;

  @ApiProperty({
    description: 'End of the window: when the overview was computed (UTC).',
    example: '2026-12-04T08:00:00.000Z',
  })
  to: string;

  @ApiProperty({ description: 'Length of the window in hours.', example: 24 })
  hours: number;
}

export class WaitingShipmentView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  customerId: string;

  @ApiProperty({ description: 'Canonical shipment status.', example: 'billing_hold' })
  status: string;

  @ApiProperty({ description: 'Correlation id of the order.', example: 'order-7781' })
  correlationId: string;

  @ApiProperty({ description: 'When the load was delivered (UTC).', example: '2026-12-03T13:00:00.000Z' })
  deliveredAt: string;

  @ApiProperty({ description: 'Seconds since delivery.', example: 68_400 })
  waitingSeconds: number;
}

export class WaitingShipmentsView {
  @ApiProperty({ description: 'How many shipments wait.', example: 4 })
  count: number;

  @ApiProperty({
    description: 'Seconds the longest-waiting one has waited; null when none waits.',
    example: 68_400,
    type: Number,
    nullable: true,
  })
  oldestWaitingSeconds: number | null;

  @ApiProperty({ description: 'The ten waiting longest, longest first.', type: [WaitingShipmentView] })
  oldest: WaitingShipmentView[];
}

export class PostingFailureView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  customerId: string;

  @ApiProperty({
    description: 'The invoice or credit memo refused; null when posting gave up before an answer.',
    example: 'INV-SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60-v1',
    type: String,
    nullable: true,
  })
  invoiceId: string | null;

  @ApiProperty({
    description: "The ERP's own code for a refusal, or `POSTING_GAVE_UP` after every retry.",
    example: 'PERIOD_CLOSED',
  })
  code: string;

  @ApiProperty({ description: 'What went wrong, in words.', example: 'Posting period 2026-11 is closed.' })
  detail: string;

  @ApiProperty({ description: 'When it failed (UTC).', example: '2026-12-04T07:12:00.000Z' })
  failedAt: string;
}

export class PostingFailuresView {
  @ApiProperty({
    description:
      'Shipments with a document the ERP rejected and not posted since, or whose posting gave up after every retry: ' +
      'the shipments the `posting_failed` alert names.',
    example: 1,
  })
  count: number;

  @ApiProperty({ description: 'The ten latest, latest first.', type: [PostingFailureView] })
  latest: PostingFailureView[];
}

export class DeadLetterDepthView {
  @ApiProperty({ description: 'Open dead letters.', example: 2 })
  open: number;

  @ApiProperty({
    description: 'Seconds since the oldest open one first failed; null when none is open.',
    example: 5_400,
    type: Number,
    nullable: true,
  })
  oldestAgeSeconds: number | null;
}

export class LatencyView {
  @ApiProperty({ description: 'Number of measurements.', example: 1_250 })
  samples: number;

  @ApiProperty({
    description: 'Median in milliseconds; null without measurements.',
    example: 35,
    type: Number,
    nullable: true,
  })
  p50Ms: number | null;

  @ApiProperty({
    description: '95th percentile in milliseconds (nearest rank); null without measurements.',
    example: 180,
    type: Number,
    nullable: true,
  })
  p95Ms: number | null;
}

export class ErpLatencyView extends LatencyView {
  @ApiProperty({ description: 'How far back the system layer measured, in seconds.', example: 900 })
  windowSeconds: number;
}

export class IntegrationLatencyView {
  @ApiProperty({
    description:
      "From the bus taking an event (the broker's stored time) to its handling by a consumer of the process layer, " +
      "for the events handled in the window, the layer's own and the system layer's; replays and re-drives excluded.",
    type: LatencyView,
  })
  eventLag: LatencyView;

  @ApiProperty({
    description: 'ERP calls as the system layer measured them; null when the system layer could not be asked.',
    type: ErpLatencyView,
    nullable: true,
  })
  erpCalls: ErpLatencyView | null;
}

export class DurationFiguresView {
  @ApiProperty({ description: 'Shipments the figures rest on.', example: 37 })
  shipments: number;

  @ApiProperty({
    description: 'Median in seconds; null without shipments.',
    example: 2_700,
    type: Number,
    nullable: true,
  })
  p50Seconds: number | null;

  @ApiProperty({
    description: '95th percentile in seconds (nearest rank); null without shipments.',
    example: 14_400,
    type: Number,
    nullable: true,
  })
  p95Seconds: number | null;
}

export class SlaPointView {
  @ApiProperty({ description: 'Start of the bucket (UTC).', example: '2026-12-04T07:00:00.000Z' })
  from: string;

  @ApiProperty({
    description: 'Delivery to billing-ready, for shipments posted in the bucket.',
    type: DurationFiguresView,
  })
  deliveryToReady: DurationFiguresView;

  @ApiProperty({ description: 'Delivery to posted, for shipments posted in the bucket.', type: DurationFiguresView })
  deliveryToPosted: DurationFiguresView;
}

export class SlaView {
  @ApiProperty({ description: 'Length of each bucket of the series, in seconds.', example: 3_600 })
  bucketSeconds: number;

  @ApiProperty({
    description: 'Delivery to billing-ready, for shipments first posted in the window.',
    type: DurationFiguresView,
  })
  deliveryToReady: DurationFiguresView;

  @ApiProperty({
    description: 'Delivery to invoice posted, for shipments first posted in the window.',
    type: DurationFiguresView,
  })
  deliveryToPosted: DurationFiguresView;

  @ApiProperty({ description: 'The same figures in 24 buckets over the window, oldest first.', type: [SlaPointView] })
  series: SlaPointView[];
}

export class OperationsOverviewView {
  @ApiProperty({ description: 'When the overview was computed (UTC).', example: '2026-12-04T08:00:00.000Z' })
  generatedAt: string;

  @ApiProperty({ description: 'The window of the latency and SLA figures.', type: OverviewWindowView })
  window: OverviewWindowView;

  @ApiProperty({
    description: 'Number of shipments in each canonical status.',
    example: { created: 3, dispatched: 2, in_transit: 5, delivered: 1, billing_hold: 2, invoice_posted: 40 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  shipmentsByStatus: Record<string, number>;

  @ApiProperty({ description: 'Delivered shipments not invoiced yet, and for how long.', type: WaitingShipmentsView })
  awaitingInvoice: WaitingShipmentsView;

  @ApiProperty({ description: 'Delivered shipments without a proof of delivery.', type: WaitingShipmentsView })
  deliveredWithoutPod: WaitingShipmentsView;

  @ApiProperty({
    description: 'Shipments held from invoicing, per hold reason (a shipment counts once per reason it has).',
    example: { awaiting_pod: 2, accessorial_pending: 1, erp_rejected: 1 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  holdsByReason: Record<string, number>;

  @ApiProperty({ description: 'Postings the ERP refused or that gave up.', type: PostingFailuresView })
  postingFailures: PostingFailuresView;

  @ApiProperty({ description: 'Dead letters waiting for an operator.', type: DeadLetterDepthView })
  deadLetters: DeadLetterDepthView;

  @ApiProperty({ description: 'How late events and ERP calls are.', type: IntegrationLatencyView })
  integrationLatency: IntegrationLatencyView;

  @ApiProperty({ description: 'The business SLA from delivery to invoice.', type: SlaView })
  sla: SlaView;
}

export class ChainStageView {
  @ApiProperty({
    description: 'Stage of the chain.',
    enum: ['order', 'dispatch', 'delivery', 'invoice', 'erp_posting'],
    example: 'delivery',
  })
  stage: string;

  @ApiProperty({ description: 'Where the stage stands.', enum: ['done', 'waiting', 'failed'], example: 'done' })
  state: string;

  @ApiProperty({
    description: 'When the stage was reached (UTC); null while it waits.',
    example: '2026-12-08T13:00:00.000Z',
    type: String,
    nullable: true,
  })
  at: string | null;

  @ApiProperty({ description: 'One sentence for people.', example: 'delivered; awaiting proof of delivery' })
  summary: string;
}

export class ChainEntryView {
  @ApiProperty({ description: 'When it happened (UTC).', example: '2026-12-08T13:00:00.000Z' })
  at: string;

  @ApiProperty({ description: 'The stage it belongs to.', example: 'delivery' })
  stage: string;

  @ApiProperty({ description: 'Timeline entry kind.', example: 'dispatch_event.received' })
  kind: string;

  @ApiProperty({ description: 'One sentence for people.', example: 'delivered from nmfta: applied' })
  summary: string;

  @ApiProperty({ description: 'Correlation id it carried.', example: 'order-7781', type: String, nullable: true })
  correlationId: string | null;

  @ApiProperty({ description: 'Who or what caused it.', example: 'nmfta', type: String, nullable: true })
  source: string | null;
}

export class ShipmentChainView {
  @ApiProperty({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60' })
  shipmentId: string;

  @ApiProperty({ description: 'ERP customer number.', example: 'C-1001' })
  customerId: string;

  @ApiProperty({ description: 'Correlation id of the order.', example: 'order-7781' })
  correlationId: string;

  @ApiProperty({ description: 'Canonical shipment status.', example: 'invoice_posted' })
  status: string;

  @ApiProperty({
    description: 'Order, dispatch, delivery, invoice and ERP posting, in that order.',
    type: [ChainStageView],
  })
  stages: ChainStageView[];

  @ApiProperty({
    description: "The shipment's timeline entries, oldest first, each under its stage.",
    type: [ChainEntryView],
  })
  entries: ChainEntryView[];
}

export class ShipmentChainsView {
  @ApiProperty({ description: 'The shipment id or correlation id asked for.', example: 'order-7781' })
  reference: string;

  @ApiProperty({ description: 'The chain of each shipment found, oldest first.', type: [ShipmentChainView] })
  shipments: ShipmentChainView[];
}
