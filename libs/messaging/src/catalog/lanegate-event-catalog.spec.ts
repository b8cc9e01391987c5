import { describe, expect, it } from 'vitest';

import { DISPATCH_EVENT_KINDS } from '@lanegate/domain';

import { createEvent } from '../event-envelope.js';
import { dataSchemaOf } from './event-catalog.js';
import { BILLING_HOLD_REASONS } from './events/billing-hold.event.js';
import { dispatchEventType } from './events/dispatch.event.js';
import { EVENT_CATALOG } from './lanegate-event-catalog.js';

const PROCESS_EVENT_TYPES = [
  'lanegate.billing.hold_entered.v1',
  'lanegate.billing.hold_released.v1',
  'lanegate.billing.review_requested.v1',
  'lanegate.invoice.credited.v1',
  'lanegate.invoice.posted.v1',
  'lanegate.shipment.created.v1',
  'lanegate.shipment.dispatch_state_changed.v1',
  'lanegate.shipment.status_changed.v1',
];

function fieldsOf(type: string, data: unknown): string[] {
  return EVENT_CATALOG.violationsOf(type, data).map((violation) => violation.field);
}

function exampleOf(type: string): Record<string, unknown> {
  return EVENT_CATALOG.get(type).example as Record<string, unknown>;
}

describe('EVENT_CATALOG', () => {
  it('registers every canonical dispatch kind as lanegate.dispatch.<kind>.v1, and the process-layer facts', () => {
    const expected = [...DISPATCH_EVENT_KINDS.map(dispatchEventType), ...PROCESS_EVENT_TYPES].sort();

    expect(EVENT_CATALOG.types()).toEqual(expected);
  });

  describe.each(EVENT_CATALOG.definitions())('$type', (definition) => {
    it('has an example that validates against its schema', () => {
      expect(EVENT_CATALOG.violationsOf(definition.type, definition.example)).toEqual([]);
    });

    it('is summarised and described', () => {
      expect(definition.summary).toMatch(/^[A-Z].+\.$/);
      expect(definition.description.length).toBeGreaterThan(definition.summary.length);
    });

    it('closes its data schema: an unknown field is rejected by name', () => {
      expect(fieldsOf(definition.type, { ...exampleOf(definition.type), surprise: true })).toEqual(['data.surprise']);
    });

    it('validates as a whole event built with createEvent', () => {
      const event = createEvent({
        type: definition.type,
        subject: 'SHP-1042',
        source: '/lanegate/test',
        data: definition.example,
        correlationId: 'ord-1',
      });

      expect(() => EVENT_CATALOG.validate(event)).not.toThrow();
      expect(event.dataschema).toBe(dataSchemaOf(definition.type));
    });
  });

  describe('dispatch events', () => {
    it('carry the data header of the canonical event: when it happened and which platform reported it', () => {
      const { occurredAt: _occurredAt, ...withoutTime } = exampleOf('lanegate.dispatch.delivered.v1');

      expect(fieldsOf('lanegate.dispatch.delivered.v1', withoutTime)).toEqual(['data.occurredAt']);
    });

    it('reject an assignment whose carrier SCAC is not 2-4 uppercase letters', () => {
      const example = exampleOf('lanegate.dispatch.assigned.v1');

      expect(
        fieldsOf('lanegate.dispatch.assigned.v1', { ...example, carrier: { scac: 'swft', name: 'Swift' } }),
      ).toEqual(['data.carrier.scac']);
    });

    it('reject fractional route miles and money that is not whole cents', () => {
      expect(
        fieldsOf('lanegate.dispatch.reassigned.v1', {
          ...exampleOf('lanegate.dispatch.reassigned.v1'),
          routeMiles: 410.5,
        }),
      ).toEqual(['data.routeMiles']);
      expect(
        fieldsOf('lanegate.dispatch.accessorial_approved.v1', {
          ...exampleOf('lanegate.dispatch.accessorial_approved.v1'),
          amountCents: 150.25,
        }),
      ).toEqual(['data.amountCents']);
    });

    it('reject an accessorial kind that is not submitted for approval, such as detention', () => {
      const example = exampleOf('lanegate.dispatch.accessorial_submitted.v1');

      expect(fieldsOf('lanegate.dispatch.accessorial_submitted.v1', { ...example, kind: 'detention' })).toEqual([
        'data.kind',
      ]);
    });

    it('reject a proof of delivery captured at a local time', () => {
      const example = exampleOf('lanegate.dispatch.pod_captured.v1');
      const violations = EVENT_CATALOG.violationsOf('lanegate.dispatch.pod_captured.v1', {
        ...example,
        capturedAt: '2026-03-05T09:35:00-05:00',
      });

      expect(violations).toEqual([
        { field: 'data.capturedAt', messages: ['must be a UTC time with seconds, e.g. 2026-03-05T14:20:00Z'] },
      ]);
    });
  });

  describe('process-layer events', () => {
    it('accept every billing hold reason and nothing else', () => {
      expect(fieldsOf('lanegate.billing.hold_entered.v1', { reasons: [...BILLING_HOLD_REASONS] })).toEqual([]);
      expect(fieldsOf('lanegate.billing.hold_entered.v1', { reasons: ['awaiting_payment'] })).toEqual([
        'data.reasons.0',
      ]);
      expect(fieldsOf('lanegate.billing.hold_released.v1', { resolvedReasons: [] })).toEqual(['data.resolvedReasons']);
    });

    it('reject a status change to a status that is not canonical', () => {
      const example = exampleOf('lanegate.shipment.status_changed.v1');

      expect(fieldsOf('lanegate.shipment.status_changed.v1', { ...example, to: 'shipped' })).toEqual(['data.to']);
    });

    it('reject a credit memo with a positive total', () => {
      const example = exampleOf('lanegate.invoice.credited.v1');

      expect(fieldsOf('lanegate.invoice.credited.v1', { ...example, totalCents: 100 })).toEqual(['data.totalCents']);
    });

    it('accept a shipment created without a purchase order or route miles', () => {
      const example = exampleOf('lanegate.shipment.created.v1');

      expect(fieldsOf('lanegate.shipment.created.v1', { ...example, purchaseOrder: null, routeMiles: null })).toEqual(
        [],
      );
    });
  });
});
