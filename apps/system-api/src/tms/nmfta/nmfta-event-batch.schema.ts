import type { ValidateFunction } from 'ajv';

import { OpenApiSchemas, vendoredFile } from '@lanegate/platform';

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

/**
 * Compiles the standard's own `EventBatch` schema, with its `$ref`s to `Event`, `Shipment` and `Location` resolved
 * inside the vendored document.
 */
export function compileEventBatchSchema(): ValidateFunction<NmftaEventBatch> {
  const schemas = new OpenApiSchemas({
    file: vendoredFile(new URL('schemas.yaml', import.meta.url)),
    id: SCHEMAS_ID,
    formats: ['date-time', 'uri'],
  });

  return schemas.validator<NmftaEventBatch>('EventBatch');
}
