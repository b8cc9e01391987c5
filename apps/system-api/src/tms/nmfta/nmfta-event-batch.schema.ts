import { existsSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The fields of the standard's `Location` that Lanegate reads. */
export interface NmftaLocation {
  readonly locationId?: string;
  readonly name?: string;
  readonly city?: string;
  readonly state?: string;
  readonly postalCode?: string;
}

/** The fields of the standard's `Event` that Lanegate reads; the raw message keeps the rest. */
export interface NmftaEvent {
  readonly eventId: string;
  readonly type: string;
  readonly status?: string;
  readonly occurredAt: string;
  readonly sequence: number;
  readonly location?: NmftaLocation;
  readonly notes?: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly documents?: readonly { readonly type?: string; readonly url?: string }[];
  readonly shipment: {
    readonly shipmentId: string;
    readonly scac?: string;
    readonly origin: NmftaLocation;
    readonly destination: NmftaLocation;
  };
}

/** The standard's `EventBatch`, the body of its `shipmentEvents` webhook. */
export interface NmftaEventBatch {
  readonly deliveryId: string;
  readonly sentAt: string;
  readonly events: readonly NmftaEvent[];
}

const SCHEMAS_ID = 'urn:nmfta:dsdc:truckload:in-transit-visibility:1.0:schemas';

/** The vendored `schemas.yaml`; compiled output under `dist/` has no copy of it, so it is read from the sources. */
function schemasFile(): string {
  const beside = fileURLToPath(new URL('schemas.yaml', import.meta.url));
  const built = `${sep}dist${sep}`;
  const at = beside.lastIndexOf(built);

  // TODO(build): copy non-TypeScript assets into dist/ in scripts/build.mjs; then the file beside this one is enough.
  return existsSync(beside) || at === -1 ? beside : `${beside.slice(0, at)}${sep}${beside.slice(at + built.length)}`;
}

/**
 * Compiles the standard's own `EventBatch` schema, with its `$ref`s to `Event`, `Shipment` and `Location` resolved
 * inside the vendored document, as JSON Schema 2020-12 (what OpenAPI 3.1 schemas are).
 */
export function compileEventBatchSchema(): ValidateFunction<NmftaEventBatch> {
  const document = parse(readFileSync(schemasFile(), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv, ['date-time', 'uri']);
  // The OpenAPI document's own members; its schemas live under `components` and are reached through `$ref`.
  ajv.addVocabulary(['openapi', 'info', 'components']);
  ajv.addSchema({ ...document, $id: SCHEMAS_ID });
  const validate = ajv.getSchema<NmftaEventBatch>(`${SCHEMAS_ID}#/components/schemas/EventBatch`);
  if (!validate) {
    throw new Error(`${schemasFile()} has no components.schemas.EventBatch.`);
  }

  return validate;
}
