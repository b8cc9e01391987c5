/**
 * The subset of JSON Schema (draft 2020-12, and equally draft-07, which AsyncAPI 3.0 schemas build on) that event
 * payloads use. Plain data: it is written into the AsyncAPI document as it is.
 */
export type JsonSchemaType = 'object' | 'array' | 'string' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  readonly type?: JsonSchemaType | readonly JsonSchemaType[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly uniqueItems?: boolean;
  readonly enum?: readonly string[];
  readonly const?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly format?: 'date-time' | 'uri-reference';
}

declare const SHAPE: unique symbol;

/**
 * An object schema that describes the TypeScript type `T`. The phantom member only exists for the compiler: it
 * makes `ObjectSchema<Carrier>` and `ObjectSchema<Stop>` incompatible, so a schema cannot describe the wrong type.
 */
export interface ObjectSchema<T> extends JsonSchema {
  readonly type: 'object';
  readonly [SHAPE]?: (value: T) => T;
}

const OPTIONAL: unique symbol = Symbol('optional');

/** A property that may be absent; made by {@link optional}. */
export interface OptionalProperty {
  readonly [OPTIONAL]: JsonSchema;
}

/** An array schema whose items describe the TypeScript type `I`. */
export interface ArraySchema<I> extends JsonSchema {
  readonly type: 'array';
  readonly [SHAPE]?: (value: I) => I;
}

/** The schema a property of type `V` needs: objects and arrays are checked against their type, scalars are not. */
export type SchemaOf<V> =
  V extends ReadonlyArray<infer I> ? ArraySchema<I> : V extends object ? ObjectSchema<V> : JsonSchema;

/**
 * One schema per property of `T`, no more and no fewer: optional properties of `T` must be wrapped in
 * {@link optional} and required ones must not, so the schema's `required` list follows the type.
 */
export type PropertySchemas<T> = {
  readonly [K in keyof T]-?: undefined extends T[K] ? OptionalProperty : SchemaOf<T[K]>;
};

/** Marks a property as optional in {@link objectSchema}. */
export function optional(schema: JsonSchema): OptionalProperty {
  return { [OPTIONAL]: schema };
}

function isOptional(value: JsonSchema | OptionalProperty): value is OptionalProperty {
  return OPTIONAL in value;
}

/**
 * A closed object schema (`additionalProperties: false`) for the type `T`; required properties are every property
 * not wrapped in {@link optional}.
 */
export function objectSchema<T>(properties: PropertySchemas<T>, description?: string): ObjectSchema<T> {
  const entries = Object.entries<JsonSchema | OptionalProperty>(properties);
  const required = entries.filter(([, schema]) => !isOptional(schema)).map(([name]) => name);
  const unwrapped = entries.map(([name, schema]) => [name, isOptional(schema) ? schema[OPTIONAL] : schema]);

  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    properties: Object.fromEntries(unwrapped) as Record<string, JsonSchema>,
    required,
    additionalProperties: false,
  };
}

/** A non-blank string. */
export function text(description: string): JsonSchema {
  return { type: 'string', minLength: 1, pattern: '\\S', description };
}

/** An array of `I`; name the item type explicitly, `arrayOf<Stop>(...)`, so that it is checked. */
export function arrayOf<I>(
  items: SchemaOf<I>,
  options: { description: string; minItems?: number; uniqueItems?: boolean },
): ArraySchema<I> {
  return { type: 'array', items, ...options };
}

/** One of a fixed list of strings, usually a domain constant such as `SHIPMENT_STATUSES`. */
export function enumOf(values: readonly string[], description: string): JsonSchema {
  return { type: 'string', enum: values, description };
}

/** `schema` or `null`, for a scalar property that is always present but may be empty. */
export function nullable(schema: JsonSchema): JsonSchema {
  return { ...schema, type: [...[schema.type ?? []].flat(), 'null'] };
}

/** An integer, optionally bounded. */
export function integer(description: string, bounds: { minimum?: number; maximum?: number } = {}): JsonSchema {
  return { type: 'integer', ...bounds, description };
}

/** RFC 3339 (a profile of ISO 8601) in UTC with a `Z`: seconds required, fraction optional. */
export const UTC_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z$';

/** Time on the wire: a `date-time` in UTC, e.g. `2026-03-05T14:20:00Z`. */
export function utcTime(description: string): JsonSchema {
  return { type: 'string', format: 'date-time', pattern: UTC_TIME_PATTERN, description };
}

/** ISO 4217 alphabetic currency code, as `isCurrencyCode` in the domain checks it. */
export function currencyCode(description = 'ISO 4217 currency code, e.g. `USD`.'): JsonSchema {
  return { type: 'string', pattern: '^[A-Z]{3}$', description };
}

/** An http(s) link, as the domain accepts for proof-of-delivery documents and receipts. */
export function httpUrl(description: string): JsonSchema {
  return { type: 'string', pattern: '^https?://\\S+$', description };
}
