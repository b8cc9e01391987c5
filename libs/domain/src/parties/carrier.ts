import { DomainError } from '../shared/domain.error.js';

/** The trucking company that moves a load, identified by its Standard Carrier Alpha Code. */
export interface Carrier {
  /** SCAC: 2 to 4 uppercase letters, e.g. `SWFT`. */
  readonly scac: string;
  readonly name: string;
}

const SCAC = /^[A-Z]{2,4}$/;

/** True when `value` is a well-formed SCAC. Case matters: adapters uppercase vendor input before asking. */
export function isScac(value: unknown): value is string {
  return typeof value === 'string' && SCAC.test(value);
}

/**
 * Builds a {@link Carrier} after checking the SCAC and the name.
 * @throws DomainError `INVALID_CARRIER`.
 */
export function createCarrier(input: { scac: string; name: string }): Carrier {
  if (!isScac(input.scac)) {
    throw new DomainError('INVALID_CARRIER', `SCAC must be 2-4 uppercase letters, got '${String(input.scac)}'.`, {
      details: { scac: input.scac },
    });
  }

  const name = input.name.trim();
  if (name === '') {
    throw new DomainError('INVALID_CARRIER', `carrier ${input.scac} needs a name.`, { details: { scac: input.scac } });
  }

  return { scac: input.scac, name };
}
