import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { DISPATCH_EVENT_KINDS, type DispatchEventKind } from '@lanegate/domain';

import { LOAD_FORMATS, type LoadFormat, STOP_TYPES, type StopType } from './load-lifecycle.generator.js';

export class LoadStopDto {
  @ApiProperty({ description: 'Position of the stop on the route, from 1, increasing.', example: 1 })
  @IsInt()
  @Min(1)
  @Max(50)
  sequence: number;

  @ApiProperty({ description: 'What happens at the stop.', enum: STOP_TYPES, example: 'pickup' })
  @IsIn(STOP_TYPES)
  type: StopType;

  @ApiProperty({ description: 'Appointment at the stop, ISO 8601 in UTC.', example: '2026-12-07T14:00:00Z' })
  @IsISO8601({ strict: true })
  appointmentAt: string;

  @ApiPropertyOptional({ description: 'Facility name.', example: 'Midwest Paper DC' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'City.', example: 'Chicago' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  city?: string;

  @ApiPropertyOptional({ description: 'Two-letter state or province code.', example: 'IL' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  state?: string;

  @ApiPropertyOptional({ description: 'Postal code.', example: '60607' })
  @IsOptional()
  @IsString()
  @Length(3, 10)
  postalCode?: string;
}

export class LoadCarrierDto {
  @ApiProperty({ description: 'Standard Carrier Alpha Code.', example: 'SWFT' })
  @Matches(/^[A-Z]{2,4}$/)
  scac: string;

  @ApiProperty({ description: 'Carrier name.', example: 'Swift Transportation' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class LifecycleStepDto {
  @ApiProperty({ description: 'Canonical dispatch event kind.', enum: DISPATCH_EVENT_KINDS, example: 'arrived_stop' })
  @IsIn(DISPATCH_EVENT_KINDS)
  kind: DispatchEventKind;

  @ApiProperty({ description: 'When it happens, ISO 8601 in UTC.', example: '2026-12-08T09:50:00Z' })
  @IsISO8601({ strict: true })
  occurredAt: string;

  @ApiPropertyOptional({
    description:
      "The kind's canonical payload, as the event catalog describes `lanegate.dispatch.<kind>.v1` (without " +
      "`occurredAt` and `source`; a proof of delivery's `capturedAt` defaults to `occurredAt`); empty for kinds " +
      'with nothing to add.',
    type: 'object',
    additionalProperties: true,
    example: { stopSequence: 2 },
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

const EXAMPLE_STOPS = [
  {
    sequence: 1,
    type: 'pickup',
    appointmentAt: '2026-12-07T14:00:00Z',
    name: 'Midwest Paper DC',
    city: 'Chicago',
    state: 'IL',
    postalCode: '60607',
  },
  {
    sequence: 2,
    type: 'delivery',
    appointmentAt: '2026-12-08T09:00:00Z',
    name: 'Buckeye Grocers',
    city: 'Columbus',
    state: 'OH',
    postalCode: '43215',
  },
];

export class StartLoadRequestDto {
  @ApiProperty({ description: 'Lanegate shipment the load is.', example: 'SHP-7c1e4a90' })
  @IsString()
  @Length(1, 128)
  shipmentId: string;

  @ApiProperty({
    description: 'Format the platform reports in: NMFTA event batches, Trackline webhooks or X12 214.',
    enum: LOAD_FORMATS,
    example: 'trackline',
  })
  @IsIn(LOAD_FORMATS)
  format: LoadFormat;

  @ApiProperty({
    description: 'Stops in route order, 2 to 20; the first a pickup, the last a delivery.',
    type: [LoadStopDto],
    minItems: 2,
    maxItems: 20,
    example: EXAMPLE_STOPS,
  })
  @ValidateNested({ each: true })
  @Type(() => LoadStopDto)
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  stops: LoadStopDto[];

  @ApiProperty({ description: 'Carrier the load is assigned to first.', type: () => LoadCarrierDto })
  @ValidateNested()
  @Type(() => LoadCarrierDto)
  carrier: LoadCarrierDto;

  @ApiProperty({ description: 'Whole miles of the route.', example: 410 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  routeMiles: number;

  @ApiPropertyOptional({
    description:
      'Seed of the generated lifecycle and of the faults (which messages are duplicated, reordered, delayed); the ' +
      'same seed, load and faults play the same way. Drawn at random when left out.',
    example: 7781,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4_294_967_295)
  seed?: number;

  @ApiPropertyOptional({
    description:
      'Lifecycle seconds played per real second, e.g. 36000 plays a 30-hour lifecycle in 3 seconds; 0 (the ' +
      'default) delivers as fast as possible.',
    example: 36_000,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000_000)
  timeScale?: number;

  @ApiPropertyOptional({
    description:
      'Whether a generated lifecycle may submit accessorials (lumper receipts), which go as canonical events to ' +
      'the process layer. Off by default.',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  accessorials?: boolean;

  @ApiPropertyOptional({
    description:
      'A scripted lifecycle: exactly these steps, in this order, instead of a generated one. Each step is ' +
      'checked against the event catalog.',
    type: [LifecycleStepDto],
    maxItems: 500,
    example: [
      {
        kind: 'assigned',
        occurredAt: '2026-12-07T08:00:00Z',
        data: { carrier: { scac: 'SWFT', name: 'Swift Transportation' }, routeMiles: 410 },
      },
      {
        kind: 'reassigned',
        occurredAt: '2026-12-07T18:00:00Z',
        data: { carrier: { scac: 'KNXT', name: 'Knight Transportation' }, routeMiles: 436 },
      },
      { kind: 'arrived_stop', occurredAt: '2026-12-08T09:50:00Z', data: { stopSequence: 2 } },
    ],
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => LifecycleStepDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  steps?: LifecycleStepDto[];

  @ApiPropertyOptional({
    description: 'Correlation id sent with every message of the load; `dispatch-<loadId>` when left out.',
    example: 'order-7781',
  })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,128}$/)
  correlationId?: string;
}

export class DeliveryAttemptView {
  @ApiProperty({ description: 'When the try was made.', example: '2026-12-07T14:05:00.120Z' })
  at: string;

  @ApiPropertyOptional({ description: 'HTTP status answered.', example: 202 })
  status?: number;

  @ApiPropertyOptional({ description: 'Why no answer came.', example: 'connect ECONNREFUSED 127.0.0.1:3000' })
  error?: string;

  @ApiProperty({ description: 'The try sent a deliberate duplicate.', example: false })
  duplicate: boolean;
}

export class DispatchMessageView {
  @ApiProperty({ description: "The step's position in the lifecycle, from 1.", example: 3 })
  sequence: number;

  @ApiProperty({ description: 'Canonical kind of the step.', enum: DISPATCH_EVENT_KINDS, example: 'arrived_stop' })
  kind: string;

  @ApiProperty({ description: 'When the step happens, ISO 8601 UTC.', example: '2026-12-08T09:50:00Z' })
  occurredAt: string;

  @ApiProperty({
    description: 'pending, delivered (answered 2xx), failed, or skipped (the format cannot carry the step).',
    enum: ['pending', 'delivered', 'failed', 'skipped'],
    example: 'delivered',
  })
  status: string;

  @ApiPropertyOptional({
    description: 'Why the format cannot carry the step.',
    example: 'an X12 214 has no shipment status for pod_captured',
  })
  skippedReason?: string;

  @ApiPropertyOptional({
    description: '`tms`: signed to the system layer; `canonical`: to the process layer.',
    enum: ['tms', 'canonical'],
    example: 'tms',
  })
  channel?: string;

  @ApiPropertyOptional({ description: 'The receiving route.', example: '/system/v1/tms/webhooks/trackline' })
  path?: string;

  @ApiPropertyOptional({
    description: 'Standard Webhooks `webhook-id`, the same on every try.',
    example: 'msg_LD-000001_3',
  })
  webhookId?: string;

  @ApiPropertyOptional({ description: 'Place in delivery order, from 1.', example: 4 })
  deliveryOrder?: number;

  @ApiProperty({ description: 'Sent out of lifecycle order on purpose.', example: false })
  reordered: boolean;

  @ApiProperty({ description: 'Sent twice on purpose.', example: false })
  duplicated: boolean;

  @ApiProperty({ description: 'Every try, in order.', type: [DeliveryAttemptView] })
  attempts: DeliveryAttemptView[];

  @ApiPropertyOptional({ description: "The last answer's status.", example: 202 })
  answerStatus?: number;

  @ApiPropertyOptional({
    description: "The last answer's body: JSON as parsed, else text (an X12 997).",
    example: { messageId: 'c3a1...', vendor: 'trackline', status: 'accepted', events: { appended: 1 } },
  })
  answer?: unknown;

  @ApiPropertyOptional({ description: 'The body as sent.', example: '{"eventId":"tl-LD-000001-3", ...}' })
  body?: string;
}

export class DispatchLoadView {
  @ApiProperty({ description: "The platform's id of the load.", example: 'LD-000001' })
  loadId: string;

  @ApiProperty({ description: 'Lanegate shipment the load is.', example: 'SHP-7c1e4a90' })
  shipmentId: string;

  @ApiProperty({ description: 'Format of the messages.', enum: LOAD_FORMATS, example: 'trackline' })
  format: string;

  @ApiProperty({ description: 'Seed of the lifecycle and the faults.', example: 7781 })
  seed: number;

  @ApiProperty({ description: 'The steps were given by the caller, not generated.', example: false })
  scripted: boolean;

  @ApiProperty({ description: 'Lifecycle seconds per real second; 0 is as fast as possible.', example: 0 })
  timeScale: number;

  @ApiProperty({ description: 'Correlation id sent with every message.', example: 'dispatch-LD-000001' })
  correlationId: string;

  @ApiProperty({ description: 'The lifecycle, in lifecycle order.', type: [LifecycleStepDto] })
  steps: LifecycleStepDto[];

  @ApiProperty({ description: 'What became of each step, in lifecycle order.', type: [DispatchMessageView] })
  messages: DispatchMessageView[];

  @ApiProperty({
    description: 'delivering, or completed once every send is done.',
    enum: ['delivering', 'completed'],
    example: 'completed',
  })
  status: string;

  @ApiProperty({ description: 'When delivery started.', example: '2026-12-07T08:00:00.000Z' })
  startedAt: string;

  @ApiPropertyOptional({ description: 'When the last send was done.', example: '2026-12-07T08:00:02.310Z' })
  completedAt?: string;
}
