import { describe, expect, it } from 'vitest';

import { createEvent, type EventType, type LanegateEvent } from '../event-envelope.js';
import { defineEvent, EventCatalog } from './event-catalog.js';
import { EventCatalogError } from './event-catalog.error.js';
import { integer, objectSchema, optional, text, utcTime } from './json-schema.js';

// A made-up family that went through three versions: v2 split `name` into parts, v3 added `closedAt`.
interface ParcelV1 {
  name: string;
}
interface ParcelV2 {
  firstName: string;
  lastName: string;
}
interface ParcelV3 extends ParcelV2 {
  closedAt?: string;
  weightKg: number;
}

const PARCEL_V1 = defineEvent<ParcelV1>({
  type: 'lanegate.test.parcel.v1',
  summary: 'v1',
  description: 'First version.',
  schema: objectSchema<ParcelV1>({ name: text('Full name.') }),
  example: { name: 'Ada Lovelace' },
});

const PARCEL_V3_EXAMPLE: ParcelV3 = { firstName: 'Ada', lastName: 'Lovelace', weightKg: 3 };

const PARCEL_V3 = defineEvent<ParcelV3>({
  type: 'lanegate.test.parcel.v3',
  summary: 'v3',
  description: 'Current version.',
  schema: objectSchema<ParcelV3>({
    firstName: text('First name.'),
    lastName: text('Last name.'),
    closedAt: optional(utcTime('When it closed.')),
    weightKg: integer('Weight.', { minimum: 0 }),
  }),
  example: PARCEL_V3_EXAMPLE,
});

function parcelCatalog(): EventCatalog {
  return new EventCatalog()
    .register(PARCEL_V1, PARCEL_V3)
    .registerUpcaster<ParcelV1, ParcelV2>('lanegate.test.parcel.v1', ({ name }) => {
      const [firstName = '', ...rest] = name.split(' ');

      return { firstName, lastName: rest.join(' ') };
    })
    .registerUpcaster<ParcelV2, ParcelV3>('lanegate.test.parcel.v2', (data) => ({ ...data, weightKg: 0 }));
}

function parcelEvent(type: EventType, data: unknown): LanegateEvent {
  return createEvent({
    id: 'evt-1',
    type,
    subject: 'SHP-9',
    source: '/lanegate/test',
    data,
    correlationId: 'corr-9',
    sequence: 5,
    time: '2026-03-05T10:00:00Z',
  });
}

function caught(action: () => unknown): EventCatalogError {
  try {
    action();
  } catch (error) {
    if (error instanceof EventCatalogError) {
      return error;
    }
    throw error;
  }

  throw new Error('expected an EventCatalogError');
}

describe(EventCatalog.name, () => {
  describe('upcasting', () => {
    it('chains upcasters from v1 through v2 to the current v3, keeping the envelope', () => {
      const old = parcelEvent('lanegate.test.parcel.v1', { name: 'Ada King Lovelace' });

      const current = parcelCatalog().upcast(old);

      expect(current).not.toBe(old);
      expect(current.type).toBe('lanegate.test.parcel.v3');
      expect(current.dataschema).toBe('urn:lanegate:event:test.parcel.v3');
      expect(current.data).toEqual({ firstName: 'Ada', lastName: 'King Lovelace', weightKg: 0 });
      expect(current.id).toBe(old.id);
      expect(current.subject).toBe(old.subject);
      expect(current.source).toBe(old.source);
      expect(current.time).toBe(old.time);
      expect(current.correlationid).toBe('corr-9');
      expect(current.sequence).toBe(5);
    });

    it('leaves the original event untouched', () => {
      const old = parcelEvent('lanegate.test.parcel.v1', { name: 'Ada Lovelace' });

      parcelCatalog().upcast(old);

      expect(old.type).toBe('lanegate.test.parcel.v1');
      expect(old.data).toEqual({ name: 'Ada Lovelace' });
    });

    it('starts from an intermediate version that is not registered itself', () => {
      const middle = parcelEvent('lanegate.test.parcel.v2', { firstName: 'Ada', lastName: 'Lovelace' });

      const current = parcelCatalog().upcast(middle);

      expect(current.type).toBe('lanegate.test.parcel.v3');
      expect(current.data).toEqual({ firstName: 'Ada', lastName: 'Lovelace', weightKg: 0 });
    });

    it('returns an event of the current version as it is', () => {
      const current = parcelEvent('lanegate.test.parcel.v3', PARCEL_V3_EXAMPLE);

      expect(parcelCatalog().upcast(current)).toBe(current);
    });

    it('produces data that validates against the current schema', () => {
      const catalog = parcelCatalog();
      const upcasted = catalog.upcast(parcelEvent('lanegate.test.parcel.v1', { name: 'Ada Lovelace' }));

      expect(() => catalog.validate(upcasted)).not.toThrow();
    });

    it('rejects a type of which no version is registered', () => {
      const error = caught(() => parcelCatalog().upcast(parcelEvent('lanegate.test.crate.v1', {})));

      expect(error.code).toBe('EVENT_TYPE_UNKNOWN');
      expect(error.message).toContain('lanegate.test.crate.v1');
    });

    it('rejects a version newer than the current one', () => {
      const error = caught(() => parcelCatalog().upcast(parcelEvent('lanegate.test.parcel.v4', {})));

      expect(error.code).toBe('EVENT_TYPE_UNKNOWN');
      expect(error.message).toMatch(/current version is v3/);
    });

    it('names the missing step of a broken chain', () => {
      const catalog = new EventCatalog().register(PARCEL_V1, PARCEL_V3);
      catalog.registerUpcaster('lanegate.test.parcel.v1', (data) => data);

      const error = caught(() => catalog.upcast(parcelEvent('lanegate.test.parcel.v1', { name: 'Ada Lovelace' })));

      expect(error.code).toBe('EVENT_UPCAST_CHAIN_BROKEN');
      expect(error.message).toContain('no upcaster is registered for lanegate.test.parcel.v2');
      expect(error.extensions).toMatchObject({ missingUpcaster: 'lanegate.test.parcel.v2' });
    });

    it('refuses a second upcaster for the same version', () => {
      const error = caught(() => parcelCatalog().registerUpcaster('lanegate.test.parcel.v1', (data) => data));

      expect(error.code).toBe('EVENT_CATALOG_INVALID');
    });
  });

  describe('validation', () => {
    it('accepts data that matches the schema', () => {
      const catalog = parcelCatalog();

      expect(() => catalog.validate(parcelEvent('lanegate.test.parcel.v3', PARCEL_V3_EXAMPLE))).not.toThrow();
    });

    it('rejects invalid data, naming every offending field', () => {
      const event = parcelEvent('lanegate.test.parcel.v3', {
        firstName: 'Ada',
        weightKg: 2.5,
        closedAt: '2026-03-05T10:00:00+01:00',
        colour: 'red',
      });

      const error = caught(() => parcelCatalog().validate(event));

      expect(error.code).toBe('EVENT_DATA_INVALID');
      expect(error.status).toBe(422);
      expect(error.errors?.map((violation) => violation.field).sort()).toEqual([
        'data.closedAt',
        'data.colour',
        'data.lastName',
        'data.weightKg',
      ]);
      expect(error.errors).toContainEqual({ field: 'data.lastName', messages: ['is required'] });
      expect(error.message).toContain('evt-1');
    });

    it('rejects an impossible date even when it looks like one', () => {
      const violations = parcelCatalog().violationsOf('lanegate.test.parcel.v3', {
        ...PARCEL_V3_EXAMPLE,
        closedAt: '2026-02-30T10:00:00Z',
      });

      expect(violations.map((violation) => violation.field)).toEqual(['data.closedAt']);
    });

    it('rejects an event of an unregistered type', () => {
      const error = caught(() => parcelCatalog().validate(parcelEvent('lanegate.test.parcel.v2', {})));

      expect(error.code).toBe('EVENT_TYPE_UNKNOWN');
    });
  });

  describe('registration', () => {
    it('refuses an example that does not match its schema', () => {
      const broken = { ...PARCEL_V1, example: { name: '  ' } };

      const error = caught(() => new EventCatalog().register(broken));

      expect(error.code).toBe('EVENT_CATALOG_INVALID');
      expect(error.message).toContain('data.name');
    });

    it('refuses a type registered twice', () => {
      const error = caught(() => new EventCatalog().register(PARCEL_V1, PARCEL_V1));

      expect(error.code).toBe('EVENT_CATALOG_INVALID');
      expect(error.message).toContain('registered twice');
    });

    it('refuses a type without a version', () => {
      const unversioned = { ...PARCEL_V1, type: 'lanegate.test.parcel' as EventType };

      expect(caught(() => new EventCatalog().register(unversioned)).code).toBe('EVENT_CATALOG_INVALID');
    });

    it('refuses a schema with a keyword the validator does not know', () => {
      const misspelt = { ...PARCEL_V1, schema: { ...PARCEL_V1.schema, requird: ['name'] } };

      expect(caught(() => new EventCatalog().register(misspelt)).code).toBe('EVENT_CATALOG_INVALID');
    });

    it('lists its types sorted', () => {
      expect(parcelCatalog().types()).toEqual(['lanegate.test.parcel.v1', 'lanegate.test.parcel.v3']);
    });
  });
});
