import type { ErrorObject } from 'ajv';

import type { FieldViolation } from '@lanegate/platform';

/**
 * Turns ajv's errors into one violation per field, named as a dotted path (`events.0.shipment.origin`); a missing or
 * extra property is named itself rather than its parent.
 */
export function schemaViolations(errors: readonly ErrorObject[] | null | undefined): FieldViolation[] {
  const byField = new Map<string, string[]>();
  for (const error of errors ?? []) {
    const field = fieldOf(error);
    const messages = byField.get(field) ?? [];
    const message = messageOf(error);
    if (!messages.includes(message)) {
      byField.set(field, [...messages, message]);
    }
  }

  return [...byField].map(([field, messages]) => ({ field, messages }));
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath.split('/').slice(1);
  if (error.keyword === 'required') {
    path.push(String(error.params.missingProperty));
  }
  if (error.keyword === 'additionalProperties') {
    path.push(String(error.params.additionalProperty));
  }

  return path.length === 0 ? '(body)' : path.join('.');
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not part of the schema';
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return error.message ?? `breaks the ${error.keyword} rule`;
  }
}
