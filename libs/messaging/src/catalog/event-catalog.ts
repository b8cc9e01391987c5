import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import type { FieldViolation } from '@lanegate/platform';

import type { EventType, LanegateEvent } from '../event-envelope.js';
import { EventCatalogError } from './event-catalog.error.js';
import { type ObjectSchema, UTC_TIME_PATTERN } from './json-schema.js';

/** One registered event type: what it means, the JSON Schema of its `data`, and an example `data`. */
export interface EventDefinition<T = unknown> {
  /** The full versioned type, e.g. `lanegate.dispatch.delivered.v1`. */
  readonly type: EventType;
  /** One line, shown next to the type in the AsyncAPI document. */
  readonly summary: string;
  /** What happened, who publishes it and what consumers do with it. */
  readonly description: string;
  /** The JSON Schema of the event's `data`. */
  readonly schema: ObjectSchema<T>;
  /** A `data` that validates against `schema`; registration fails otherwise. */
  readonly example: T;
}

/**
 * Turns the `data` of one version of an event type into the `data` of the next version. It gets the whole event
 * too, for facts the old version kept in the envelope (its `time`, `subject`).
 */
export type Upcaster<From = unknown, To = unknown> = (data: From, event: LanegateEvent<From>) => To;

/**
 * Checks a definition against the payload type `T` (`schema` must describe `T`, `example` must be a `T`), then
 * forgets `T` so that definitions of different types can be registered together.
 */
export function defineEvent<T>(definition: EventDefinition<T>): EventDefinition {
  return definition as EventDefinition<unknown>;
}

/** The `dataschema` attribute of an event type, as `createEvent` sets it. */
export function dataSchemaOf(type: EventType): string {
  return `urn:lanegate:event:${type.slice('lanegate.'.length)}`;
}

const VERSIONED_TYPE = /^(lanegate(?:\.[a-z][a-z0-9_]*)+)\.v([1-9]\d*)$/;

interface Registration {
  readonly definition: EventDefinition;
  readonly validate: ValidateFunction;
}

/**
 * The event types Lanegate publishes: their schemas, examples and the upcasters that carry old versions forward.
 * One instance, `EVENT_CATALOG`, holds the real registrations; tests build their own.
 *
 * The current version of an event family (`lanegate.shipment.created`) is the highest version registered. Older
 * versions need not stay registered, but each needs an upcaster to the next version.
 */
export class EventCatalog {
  private readonly registrations = new Map<EventType, Registration>();
  private readonly upcasters = new Map<EventType, Upcaster>();
  private readonly currentVersions = new Map<string, number>();
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });

  constructor() {
    addFormats.default(this.ajv, ['date-time', 'uri-reference']);
  }

  /**
   * Adds event types. Fails on a type registered twice, a schema the validator refuses, or an example that does
   * not validate.
   * @throws EventCatalogError `EVENT_CATALOG_INVALID`.
   */
  register(...definitions: EventDefinition[]): this {
    for (const definition of definitions) {
      const { family, version } = parseType(definition.type);
      if (this.registrations.has(definition.type)) {
        throw new EventCatalogError('EVENT_CATALOG_INVALID', `${definition.type} is registered twice.`);
      }

      const registration = { definition, validate: this.compile(definition) };
      const problems = violations(registration.validate, definition.example);
      if (problems.length > 0) {
        throw new EventCatalogError(
          'EVENT_CATALOG_INVALID',
          `the example of ${definition.type} does not match its schema: ${fieldList(problems)}.`,
          { errors: problems },
        );
      }

      this.registrations.set(definition.type, registration);
      this.currentVersions.set(family, Math.max(version, this.currentVersions.get(family) ?? 0));
    }

    return this;
  }

  /**
   * Adds the upcaster from `from` (`lanegate.x.y.vN`) to the next version (`lanegate.x.y.vN+1`).
   * @throws EventCatalogError `EVENT_CATALOG_INVALID` when `from` is not a versioned type or already has one.
   */
  registerUpcaster<From = unknown, To = unknown>(from: EventType, upcaster: Upcaster<From, To>): this {
    parseType(from);
    if (this.upcasters.has(from)) {
      throw new EventCatalogError('EVENT_CATALOG_INVALID', `${from} already has an upcaster.`);
    }

    this.upcasters.set(from, upcaster as Upcaster);

    return this;
  }

  /** Every registered type, sorted. */
  types(): EventType[] {
    return [...this.registrations.keys()].sort();
  }

  /** Every registered definition, sorted by type. */
  definitions(): EventDefinition[] {
    return this.types().map((type) => this.get(type));
  }

  has(type: string): boolean {
    return this.registrations.has(type as EventType);
  }

  /** @throws EventCatalogError `EVENT_TYPE_UNKNOWN`. */
  get(type: string): EventDefinition {
    return this.registration(type).definition;
  }

  /** The problems of `data` as the `data` of a `type` event, one entry per field; empty when it is valid. */
  violationsOf(type: string, data: unknown): FieldViolation[] {
    return violations(this.registration(type).validate, data);
  }

  /**
   * Checks the event's `data` against the schema of its type. Call it on the current version: upcast first.
   * @throws EventCatalogError `EVENT_TYPE_UNKNOWN`, or `EVENT_DATA_INVALID` listing every offending field.
   */
  validate(event: LanegateEvent): void {
    const problems = this.violationsOf(event.type, event.data);
    if (problems.length > 0) {
      throw new EventCatalogError(
        'EVENT_DATA_INVALID',
        `${event.type} event ${event.id} has invalid data: ${fieldList(problems)}.`,
        { errors: problems, extensions: { eventId: event.id, eventType: event.type } },
      );
    }
  }

  /**
   * Brings an event to the current version of its type, one upcaster at a time. The result is a new event with the
   * same id, source, subject, time and extensions, and the new type, `dataschema` and `data`; an event that is
   * already current comes back as it is.
   * @throws EventCatalogError `EVENT_TYPE_UNKNOWN` when no version of the type is registered or the event is newer
   * than the current version, `EVENT_UPCAST_CHAIN_BROKEN` when a step of the chain has no upcaster.
   */
  upcast(event: LanegateEvent): LanegateEvent {
    const { family, version } = parseType(event.type, 'EVENT_TYPE_UNKNOWN');
    const current = this.currentVersions.get(family);
    if (current === undefined || version > current) {
      const known = current === undefined ? 'no version of it is registered' : `the current version is v${current}`;
      throw new EventCatalogError('EVENT_TYPE_UNKNOWN', `event ${event.id} has type ${event.type}, but ${known}.`, {
        extensions: { eventId: event.id, eventType: event.type },
      });
    }

    let upcasted = event;
    for (let step = version; step < current; step += 1) {
      upcasted = this.upcastOnce(upcasted, `${family}.v${step}` as EventType, `${family}.v${step + 1}` as EventType);
    }

    return upcasted;
  }

  private upcastOnce(event: LanegateEvent, from: EventType, to: EventType): LanegateEvent {
    const upcaster = this.upcasters.get(from);
    if (upcaster === undefined) {
      throw new EventCatalogError(
        'EVENT_UPCAST_CHAIN_BROKEN',
        `event ${event.id} cannot be upcast to ${to}: no upcaster is registered for ${from}.`,
        { extensions: { eventId: event.id, eventType: event.type, missingUpcaster: from } },
      );
    }

    const data = upcaster(event.data, event);

    return event.cloneWith({ type: to, dataschema: dataSchemaOf(to), data }) as LanegateEvent;
  }

  private registration(type: string): Registration {
    const registration = this.registrations.get(type as EventType);
    if (registration === undefined) {
      throw new EventCatalogError('EVENT_TYPE_UNKNOWN', `no event type ${type} is registered.`, {
        extensions: { eventType: type },
      });
    }

    return registration;
  }

  private compile(definition: EventDefinition): ValidateFunction {
    try {
      return this.ajv.compile(definition.schema);
    } catch (error) {
      throw new EventCatalogError(
        'EVENT_CATALOG_INVALID',
        `the schema of ${definition.type} is not valid JSON Schema: ${(error as Error).message}`,
      );
    }
  }
}

function parseType(
  type: string,
  code: 'EVENT_TYPE_UNKNOWN' | 'EVENT_CATALOG_INVALID' = 'EVENT_CATALOG_INVALID',
): { family: string; version: number } {
  const match = VERSIONED_TYPE.exec(type);
  if (match === null) {
    throw new EventCatalogError(code, `${type} is not a versioned event type (lanegate.<domain>.<fact>.v<version>).`);
  }

  return { family: match[1], version: Number(match[2]) };
}

function violations(validate: ValidateFunction, data: unknown): FieldViolation[] {
  if (validate(data)) {
    return [];
  }

  const byField = new Map<string, string[]>();
  for (const error of validate.errors ?? []) {
    const field = fieldOf(error);
    byField.set(field, [...(byField.get(field) ?? []), messageOf(error)]);
  }

  return [...byField].map(([field, messages]) => ({ field, messages }));
}

/** `data.carrier.scac` from ajv's `/carrier/scac`; a missing or extra property is named itself, not its parent. */
function fieldOf(error: ErrorObject): string {
  const path = ['data', ...error.instancePath.split('/').slice(1)];
  if (error.keyword === 'required') {
    path.push(String(error.params.missingProperty));
  }
  if (error.keyword === 'additionalProperties') {
    path.push(String(error.params.additionalProperty));
  }

  return path.join('.');
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not part of the schema';
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern':
      return error.params.pattern === UTC_TIME_PATTERN
        ? 'must be a UTC time with seconds, e.g. 2026-03-05T14:20:00Z'
        : (error.message ?? 'must match its pattern');
    default:
      return error.message ?? `breaks the ${error.keyword} rule`;
  }
}

function fieldList(problems: FieldViolation[]): string {
  return problems.map((problem) => `${problem.field} ${problem.messages.join(', ')}`).join('; ');
}
