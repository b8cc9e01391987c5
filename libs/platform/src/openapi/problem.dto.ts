import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldViolationDto {
  @ApiProperty({ description: 'Dotted path of the offending field.', example: 'pickup.appointmentAt' })
  field: string;

  @ApiProperty({
    description: 'What is wrong with the field, one sentence per broken rule.',
    example: ['appointmentAt must be a valid ISO 8601 date string'],
    type: [String],
  })
  messages: string[];
}

/** RFC 9457 problem details as Lanegate returns them. */
export class ProblemDetailsDto {
  @ApiProperty({
    description: 'URN identifying the problem type; derived from `code`.',
    example: 'urn:lanegate:problem:validation-failed',
  })
  type: string;

  @ApiProperty({ description: 'Short summary of the problem type.', example: 'Request validation failed' })
  title: string;

  @ApiProperty({ description: 'HTTP status code.', example: 400 })
  status: number;

  @ApiProperty({
    description: 'Explanation of this occurrence.',
    example: '1 field(s) are invalid: pickup.appointmentAt.',
  })
  detail: string;

  @ApiPropertyOptional({ description: 'The request path.', example: '/process/v1/shipments' })
  instance?: string;

  @ApiProperty({ description: 'Stable machine-readable error code.', example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({
    description: 'Correlation id of the request; quote it when reporting a problem.',
    example: '3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
  })
  correlationId: string;

  @ApiPropertyOptional({ description: 'Per-field violations, on validation failures.', type: [FieldViolationDto] })
  errors?: FieldViolationDto[];
}
