import { ApiProperty } from '@nestjs/swagger';

export class OpsOverviewView {
  @ApiProperty({
    description: 'Number of shipments in each canonical status.',
    example: { created: 3, dispatched: 2, in_transit: 5, delivered: 1, billing_hold: 0 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  shipmentsByStatus: Record<string, number>;

  @ApiProperty({ description: 'When the overview was computed (UTC).', example: '2026-12-03T19:30:00.000Z' })
  generatedAt: string;
}
