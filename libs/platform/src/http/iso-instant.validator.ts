import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** A date (`2026-12-01`, midnight UTC) or a date-time that says its zone (`Z` or an offset such as `+02:00`). */
const DATE_OR_ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T.+(Z|[+-]\d{2}:?\d{2}))?$/;

/**
 * Validates a query or body field as an ISO 8601 instant: a valid calendar date or date-time, never a local time
 * without a zone, which would mean another instant on every server. Both rules report under the field's name.
 */
export function IsIsoInstant(field: string): PropertyDecorator {
  const message = `${field} must be an ISO 8601 date, or a date-time with Z or an offset`;

  return applyDecorators(IsISO8601({ strict: true }, { message }), Matches(DATE_OR_ZONED_DATE_TIME, { message }));
}
