import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

import { PageQuery } from '@lanegate/platform';

import { DISCREPANCY_KINDS, type DiscrepancyKind } from './books-comparison.js';

export class RunReconciliationDto {
  @ApiProperty({ description: 'Start of the range, inclusive, ISO 8601 in UTC.', example: '2026-12-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ description: 'End of the range, exclusive, ISO 8601 in UTC.', example: '2026-12-08T00:00:00Z' })
  @IsISO8601({ strict: true })
  to: string;
}

export class DiscrepancyView {
  @ApiProperty({
    description:
      '`missing_in_erp`: posted by Lanegate, not listed by the ERP; `amount_differs`: totals differ; ' +
      '`duplicate_in_erp`: the ERP bills a shipment twice or holds a reference twice; `not_in_lanegate`: the ERP ' +
      'holds a document for a Lanegate shipment that Lanegate never posted; `delivered_not_invoiced`: delivered ' +
      'longer ago than the configured hours and never invoiced.',
    enum: DISCREPANCY_KINDS,
    example: 'missing_in_erp',
  })
  kind: DiscrepancyKind;

  @ApiPropertyOptional({ description: 'Lanegate shipment id.', example: 'SHP-3f2c9a4e', type: String, nullable: true })
  shipmentId: string | null;

  @ApiPropertyOptional({
    description: "Lanegate's document id (the ERP's external reference).",
    example: 'INV-SHP-3f2c9a4e-v1',
    type: String,
    nullable: true,
  })
  documentId: string | null;

  @ApiProperty({ description: "The ERP's document numbers involved.", type: [String], example: ['INV-000123'] })
  erpDocumentNumbers: string[];

  @ApiPropertyOptional({ description: "Lanegate's total in cents.", example: 162231, type: Number, nullable: true })
  lanegateTotalCents: number | null;

  @ApiPropertyOptional({ description: "The ERP's total in cents.", example: null, type: Number, nullable: true })
  erpTotalCents: number | null;

  @ApiProperty({
    description: 'What disagrees, for people.',
    example: 'INV-SHP-3f2c9a4e-v1 was posted as INV-000123, which the ERP does not list.',
  })
  detail: string;
}

export class ReconciliationCountsView {
  @ApiProperty({ description: 'Shipments delivered in the range.', example: 42 })
  deliveredShipments: number;

  @ApiProperty({ description: 'Documents Lanegate recorded as posted in the range.', example: 40 })
  lanegatePostings: number;

  @ApiProperty({ description: 'Documents the ERP lists as posted in the range.', example: 40 })
  erpDocuments: number;
}

export class ReconciliationView {
  @ApiProperty({ description: 'Reconciliation id.', example: 'REC-7d1c2b0e-3a4f-4e4b-9d0c-1f2e3a4b5c6d' })
  id: string;

  @ApiProperty({ description: 'Start of the range, inclusive (UTC).', example: '2026-12-01T00:00:00.000Z' })
  from: string;

  @ApiProperty({ description: 'End of the range, exclusive (UTC).', example: '2026-12-08T00:00:00.000Z' })
  to: string;

  @ApiProperty({ description: '`scheduled`, or the operator who asked.', example: 'ops-dana' })
  requestedBy: string;

  @ApiProperty({
    description: '`completed`, or `failed` when the ERP could not be read.',
    enum: ['completed', 'failed'],
    example: 'completed',
  })
  status: 'completed' | 'failed';

  @ApiProperty({ description: 'What was compared.', type: ReconciliationCountsView })
  counts: ReconciliationCountsView;

  @ApiProperty({ description: 'Every disagreement found.', type: [DiscrepancyView] })
  discrepancies: DiscrepancyView[];

  @ApiPropertyOptional({ description: 'Why a failed run failed.', example: null, type: String, nullable: true })
  error: string | null;

  @ApiProperty({ description: 'When it started (UTC).', example: '2026-12-08T06:00:00.000Z' })
  startedAt: string;

  @ApiProperty({ description: 'When it finished (UTC).', example: '2026-12-08T06:00:02.310Z' })
  finishedAt: string;
}

export class ReconciliationPage {
  @ApiProperty({ description: 'Reconciliations, newest first.', type: [ReconciliationView] })
  items: ReconciliationView[];

  @ApiProperty({ description: 'Number of reconciliations.', example: 14 })
  total: number;
}

export class ListReconciliationsQuery extends PageQuery {}
