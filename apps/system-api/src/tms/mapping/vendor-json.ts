import type { ValidateFunction } from 'ajv';

import { VendorMessageInvalidError } from '../tms.exception.js';
import { schemaViolations } from './schema-violations.js';

/**
 * Parses a vendor's JSON body and checks it against the vendor's schema.
 * @throws VendorMessageInvalidError naming every offending field.
 */
export function readVendorJson<T>(input: {
  vendor: string;
  /** What the body should be, for the error message, e.g. `an NMFTA EventBatch`. */
  shape: string;
  body: string;
  validate: ValidateFunction<T>;
}): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.body);
  } catch (error) {
    throw new VendorMessageInvalidError(input.vendor, `The body is not JSON: ${(error as Error).message}.`);
  }

  if (!input.validate(parsed)) {
    const errors = schemaViolations(input.validate.errors);
    throw new VendorMessageInvalidError(
      input.vendor,
      `The body is not ${input.shape}: ${errors.map((error) => `${error.field} ${error.messages.join(', ')}`).join('; ')}.`,
      errors,
    );
  }

  return parsed;
}
