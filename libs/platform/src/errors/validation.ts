import { ValidationPipe, type ValidationError } from '@nestjs/common';

import { ApplicationError } from './application.error.js';
import type { FieldViolation } from './problem-details.js';

function flatten(errors: ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldViolation[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];

    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export class RequestValidationError extends ApplicationError {
  constructor(errors: FieldViolation[]) {
    super({
      code: 'VALIDATION_FAILED',
      status: 400,
      title: 'Request validation failed',
      detail: `${errors.length} field(s) are invalid: ${errors.map((error) => error.field).join(', ')}.`,
      errors,
    });
  }
}

/** class-validator with whitelisting: unknown fields are rejected, every broken rule is reported per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
  });
}
