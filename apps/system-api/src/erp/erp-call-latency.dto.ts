import { ApiProperty } from '@nestjs/swagger';

import type { ErpCallLatencyScope } from './erp-call-latency.service.js';

export class LatencyFiguresView {
  @ApiProperty({ description: 'Number of calls the figures rest on.', example: 412 })
  samples: number;

  @ApiProperty({
    description: 'Median duration in milliseconds; null without calls.',
    example: 84,
    type: Number,
    nullable: true,
  })
  p50Ms: number | null;

  @ApiProperty({
    description: '95th percentile duration in milliseconds (nearest rank); null without calls.',
    example: 310,
    type: Number,
    nullable: true,
  })
  p95Ms: number | null;
}

export class OperationLatencyView extends LatencyFiguresView {
  @ApiProperty({ description: 'ERP operation.', example: 'postInvoice' })
  operation: string;
}

export class ErpCallLatencyView extends LatencyFiguresView {
  @ApiProperty({ description: 'How far back the figures look, in seconds.', example: 900 })
  windowSeconds: number;

  @ApiProperty({
    description:
      'Whose calls: `all_replicas` when the system-api replicas share Redis, `this_process` without Redis or while ' +
      'it is unreachable.',
    enum: ['all_replicas', 'this_process'],
    example: 'all_replicas',
  })
  scope: ErpCallLatencyScope;

  @ApiProperty({ description: 'The same figures per ERP operation, by name.', type: [OperationLatencyView] })
  byOperation: OperationLatencyView[];
}
