import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { TestApp } from '@lanegate/platform/testing';

import { dispatchEventId } from '../src/tms/mapping/dispatch-event.mapper.js';
import { TRACKLINE_EVENT_TYPES } from '../src/tms/trackline/trackline-status.mapping.js';
import {
  auditEntries,
  dispatchEnvelope,
  fixture,
  outboxEvents,
  postSigned,
  rawMessage,
  read,
  signatureHeaders,
  startTmsApp,
  TEST_SECRETS,
  type TmsResponse,
  vendorFormats,
} from './tms-testing.js';

const ROUTE = '/system/v1/tms/webhooks/trackline';
const CORRELATION = 'trackline-e2e';
const DELIVERED_LOAD = 'SHP-4d8e21f7';
const REASSIGNED_LOAD = 'SHP-8a3c6e05';
const CANCELLED_LOAD = 'SHP-0e6b9f14';
const LATE_LOAD = 'SHP-4d8e21f7-late';

type Webhook = { eventId: string; eventType: string; data: Record<string, any> };

function webhooks(file: string): Webhook[] {
  return JSON.parse(fixture(`trackline/${file}`)) as Webhook[];
}

/** A Trackline event as its canonical event: the id derives from Trackline's `eventId`, which is kept. */
const trackline = (vendorEventId: string, kind: string, subject: string, data: Record<string, unknown>) =>
  dispatchEnvelope({
    id: dispatchEventId('trackline', vendorEventId),
    kind,
    subject,
    correlationId: CORRELATION,
    data: { ...data, source: 'trackline', vendorEventId },
  });

/** The route of `route-webhooks.json`; the ETA update becomes no event. Trackline sends no sequence. */
const ROUTE_EVENTS = [
  trackline('trk-evt-0001', 'assigned', DELIVERED_LOAD, {
    carrier: { scac: 'SWFT', name: 'Swift Transportation' },
    routeMiles: 412,
    occurredAt: '2026-12-07T13:10:00Z',
  }),
  trackline('trk-evt-0002', 'arrived_stop', DELIVERED_LOAD, { stopSequence: 1, occurredAt: '2026-12-07T14:05:12Z' }),
  trackline('trk-evt-0003', 'departed_stop', DELIVERED_LOAD, { stopSequence: 1, occurredAt: '2026-12-07T15:55:40Z' }),
  trackline('trk-evt-0004', 'departed_origin', DELIVERED_LOAD, { occurredAt: '2026-12-07T15:56:02Z' }),
  trackline('trk-evt-0006', 'arrived_stop', DELIVERED_LOAD, { stopSequence: 2, occurredAt: '2026-12-08T12:12:30Z' }),
  trackline('trk-evt-0007', 'delivered', DELIVERED_LOAD, { occurredAt: '2026-12-08T14:15:00Z' }),
  trackline('trk-evt-0008', 'pod_captured', DELIVERED_LOAD, {
    capturedAt: '2026-12-08T14:35:00Z',
    signedBy: 'R. Alvarez',
    documentUrl: 'https://files.trackline.example/docs/doc_9921.pdf',
    occurredAt: '2026-12-08T14:35:00Z',
  }),
];

/** `route-reassigned-breakdown-cancelled.json`: the bill of lading becomes no event. */
const REASSIGNED_EVENTS = [
  trackline('trk-evt-0101', 'reassigned', REASSIGNED_LOAD, {
    carrier: { scac: 'KNXT', name: 'Knight Transportation' },
    routeMiles: 428,
    occurredAt: '2026-12-09T11:02:44Z',
  }),
  trackline('trk-evt-0102', 'exception_raised', REASSIGNED_LOAD, {
    code: 'MECHANICAL_BREAKDOWN',
    reason: 'Tractor air line failure on I-80 near Joliet; road service dispatched',
    occurredAt: '2026-12-10T01:37:05Z',
  }),
  trackline('trk-evt-0103', 'exception_cleared', REASSIGNED_LOAD, {
    code: 'MECHANICAL_BREAKDOWN',
    resolution: 'Air line replaced by road service; rolling again',
    occurredAt: '2026-12-10T04:15:00Z',
  }),
];

const CANCELLED_EVENTS = [
  trackline('trk-evt-0201', 'cancelled', CANCELLED_LOAD, {
    reason: 'Shipper cancelled: plant shutdown for inventory',
    occurredAt: '2026-12-09T15:40:00Z',
  }),
];

describe('POST /system/v1/tms/webhooks/trackline', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTmsApp();
  });

  afterAll(async () => {
    await app?.dispose();
  });

  const post = (body: string, input: { id?: string; secret?: string } = {}): Promise<TmsResponse> =>
    postSigned(app, ROUTE, {
      body,
      secret: input.secret ?? TEST_SECRETS.trackline,
      id: input.id,
      correlationId: CORRELATION,
    });

  const postAll = async (events: Webhook[]): Promise<TmsResponse[]> => {
    const responses: TmsResponse[] = [];
    for (const event of events) {
      responses.push(await post(JSON.stringify(event)));
    }

    return responses;
  };

  const replay = async (messageId: string, authorization = app.bearer(['ops'], { subject: 'ops-oncall' })) =>
    read(
      await fetch(`${app.baseUrl}/system/v1/tms/raw-messages/${messageId}/replay`, {
        method: 'POST',
        headers: { authorization },
      }),
    );

  describe('success', () => {
    it('maps a route from assignment to proof of delivery, one webhook at a time, to exact canonical events', async () => {
      const responses = await postAll(webhooks('route-webhooks.json'));

      expect(responses.map((response) => [response.status, response.body.events])).toEqual([
        [202, { appended: 1, duplicates: 0, ignored: 0 }],
        [202, { appended: 1, duplicates: 0, ignored: 0 }],
        [202, { appended: 1, duplicates: 0, ignored: 0 }],
        [202, { appended: 1, duplicates: 0, ignored: 0 }],
        [202, { appended: 0, duplicates: 0, ignored: 1 }],
        [202, { appended: 1, duplicates: 0, ignored: 0 }],
        [202, { appended: 1, duplicates: 0, ignored: 0 }],
        [202, { appended: 1, duplicates: 0, ignored: 0 }],
      ]);
      expect(await outboxEvents(app, [DELIVERED_LOAD])).toEqual(ROUTE_EVENTS);
    });

    it('maps a reassignment, an exception with its own code and its clearing, and a cancellation', async () => {
      const responses = await postAll(webhooks('route-reassigned-breakdown-cancelled.json'));

      expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 202, 202]);
      expect(responses[3].body.events).toEqual({ appended: 0, duplicates: 0, ignored: 1 });
      expect(await outboxEvents(app, [REASSIGNED_LOAD])).toEqual(REASSIGNED_EVENTS);
      expect(await outboxEvents(app, [CANCELLED_LOAD])).toEqual(CANCELLED_EVENTS);
    });

    it('the fixtures send every status of the Trackline table', () => {
      const sent = [...webhooks('route-webhooks.json'), ...webhooks('route-reassigned-breakdown-cancelled.json')].map(
        (event) =>
          event.data.document === undefined
            ? event.eventType
            : `${event.eventType}:${event.data.document.documentType as string}`,
      );

      expect([...new Set(sent)].sort()).toEqual(Object.keys(TRACKLINE_EVENT_TYPES).sort());
    });

    it('appends a redelivered event once: same eventId, new webhook-id', async () => {
      const [, arrival] = webhooks('route-webhooks.json');
      const again = await post(JSON.stringify(arrival));

      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ status: 'accepted', events: { appended: 0, duplicates: 1, ignored: 0 } });
      expect(await outboxEvents(app, [DELIVERED_LOAD])).toEqual(ROUTE_EVENTS);
    });

    it('appends one event when the same event arrives under several webhook-ids at once', async () => {
      const [, , , , , , completed] = webhooks('route-webhooks.json');
      const racing = { ...completed, eventId: 'trk-evt-0501' };
      racing.data = {
        ...racing.data,
        route: { ...racing.data.route, externalIds: { lanegateShipmentId: 'SHP-racing' } },
      };
      const responses = await Promise.all(Array.from({ length: 5 }, () => post(JSON.stringify(racing))));

      expect(responses.map((response) => response.status)).toEqual([202, 202, 202, 202, 202]);
      expect(responses.map((response) => response.body.events.appended).sort()).toEqual([0, 0, 0, 0, 1]);
      expect(await outboxEvents(app, ['SHP-racing'])).toHaveLength(1);
    });

    it('reads the exception code from the table when Trackline sends none', async () => {
      const [, reported] = webhooks('route-reassigned-breakdown-cancelled.json');
      const bare = { ...reported, eventId: 'trk-evt-0301', data: { route: { ...reported.data.route } } };
      bare.data.route.externalIds = { lanegateShipmentId: 'SHP-bare-exception' };
      const response = await post(JSON.stringify(bare));

      expect(response.status).toBe(202);
      expect(await outboxEvents(app, ['SHP-bare-exception'])).toEqual([
        trackline('trk-evt-0301', 'exception_raised', 'SHP-bare-exception', {
          code: 'ExceptionReported',
          reason: 'Exception reported by the driver',
          occurredAt: '2026-12-10T01:37:05Z',
        }),
      ]);
    });
  });

  describe('failure', () => {
    it('answers 422 naming an event type the table does not know, with the id of the message it keeps', async () => {
      const body = fixture('trackline/route-stop-early-late-arrival.json');
      const response = await post(body);

      expect(response.status).toBe(422);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        type: expect.any(String),
        title: 'Vendor status unknown',
        status: 422,
        code: 'VENDOR_STATUS_UNKNOWN',
        vendor: 'trackline',
        unknownStatuses: ['RouteStopEarlyLateArrival'],
        rawMessageId: expect.any(String),
      });
      expect(response.body.detail).toContain("'RouteStopEarlyLateArrival' at eventId trk-evt-0009");

      const stored = await rawMessage(app, response.body.rawMessageId as string);
      expect(stored).toMatchObject({ vendor: 'trackline', status: 'rejected', body, eventsAppended: 0 });
      expect(JSON.parse(stored!.error!)).toMatchObject({ code: 'VENDOR_STATUS_UNKNOWN' });
    });

    it('keys a submitted document by its type, so an unknown document type is named as such', async () => {
      const [, , , , , , , pod] = webhooks('route-webhooks.json');
      const receipt = {
        ...pod,
        eventId: 'trk-evt-0401',
        data: { ...pod.data, document: { documentType: 'lumperReceipt' } },
      };
      const response = await post(JSON.stringify(receipt));

      expect(response.status).toBe(422);
      expect(response.body.unknownStatuses).toEqual(['DocumentSubmitted:lumperReceipt']);
    });

    it('answers 422 to a proof of delivery that does not say who signed it', async () => {
      const [, , , , , , , pod] = webhooks('route-webhooks.json');
      const unsigned = {
        ...pod,
        eventId: 'trk-evt-0402',
        data: { ...pod.data, document: { documentType: 'proofOfDelivery', url: pod.data.document.url } },
      };
      const response = await post(JSON.stringify(unsigned));

      expect(response.status).toBe(422);
      expect(response.body.code).toBe('VENDOR_EVENT_UNMAPPABLE');
      expect(response.body.detail).toContain('who signed the proof of delivery');
    });

    it('answers 400 naming the fields a webhook lacks', async () => {
      const response = await post(JSON.stringify({ eventId: 'trk-evt-0403', eventType: 'RouteCompleted', data: {} }));

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VENDOR_MESSAGE_INVALID', rawMessageId: expect.any(String) });
      expect(response.body.errors).toEqual([
        { field: 'eventTime', messages: ['is required'] },
        { field: 'data.route', messages: ['is required'] },
      ]);
    });
  });

  describe('POST /system/v1/tms/raw-messages/{messageId}/replay', () => {
    let rejectedId: string;
    let webhookId: string;
    const body = (): string => {
      const late = JSON.parse(fixture('trackline/route-stop-early-late-arrival.json')) as Webhook;
      late.eventId = 'trk-evt-0009-late';
      late.data.route.externalIds.lanegateShipmentId = LATE_LOAD;

      return JSON.stringify(late);
    };

    beforeAll(async () => {
      webhookId = 'msg_trackline_late_arrival';
      const rejected = await post(body(), { id: webhookId });
      rejectedId = rejected.body.rawMessageId as string;
    });

    it('answers 401 without a token and 403 without the ops scope', async () => {
      expect((await replay(rejectedId, '')).status).toBe(401);
      expect((await replay(rejectedId, app.bearer(['dispatch:write']))).status).toBe(403);
    });

    it('answers 404 for a message id it does not keep', async () => {
      const response = await replay('00000000-0000-4000-8000-000000000000');

      expect(response.status).toBe(404);
      expect(response.contentType).toContain('application/problem+json');
    });

    it('answers 422 again while the table still lacks the status, and the message stays rejected', async () => {
      const response = await replay(rejectedId);

      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'VENDOR_STATUS_UNKNOWN', rawMessageId: rejectedId });
      expect(await rawMessage(app, rejectedId)).toMatchObject({ status: 'rejected', eventsAppended: 0 });
      expect(await outboxEvents(app, [LATE_LOAD])).toEqual([]);
    });

    it('appends the events once the table knows the status, once only, and audits each replay', async () => {
      // Stands in for a deploy of a corrected table: the process learns the status without a restart.
      vendorFormats(app).addMappings('trackline', { RouteStopEarlyLateArrival: { kind: 'arrived_stop' } });
      const expected = [
        trackline('trk-evt-0009-late', 'arrived_stop', LATE_LOAD, {
          stopSequence: 2,
          occurredAt: '2026-12-08T12:12:31Z',
        }),
      ];

      const replayed = await replay(rejectedId);
      expect(replayed.status).toBe(200);
      expect(replayed.body).toEqual({
        messageId: rejectedId,
        vendor: 'trackline',
        status: 'accepted',
        events: { appended: 1, duplicates: 0, ignored: 0 },
      });
      expect(await outboxEvents(app, [LATE_LOAD])).toEqual(expected);
      expect(await rawMessage(app, rejectedId)).toMatchObject({ status: 'accepted', error: null, eventsAppended: 1 });

      const again = await replay(rejectedId);
      expect(again.body.events).toEqual({ appended: 0, duplicates: 1, ignored: 0 });
      expect(await outboxEvents(app, [LATE_LOAD])).toEqual(expected);

      const audit = await auditEntries(app, rejectedId);
      expect(audit.map((entry) => [entry.actor, entry.action])).toEqual([
        ['ops-oncall', 'raw_vendor_message.replayed'],
        ['ops-oncall', 'raw_vendor_message.replayed'],
        ['ops-oncall', 'raw_vendor_message.replayed'],
      ]);
      expect(JSON.parse(audit[1].details)).toMatchObject({ vendor: 'trackline', eventsAppended: 1 });
    });

    it("acknowledges Trackline's own retry of the replayed message without effect", async () => {
      const retry = await postSigned(app, ROUTE, {
        body: body(),
        secret: TEST_SECRETS.trackline,
        headers: signatureHeaders({ secret: TEST_SECRETS.trackline, body: body(), id: webhookId }),
      });

      expect(retry.status).toBe(202);
      expect(retry.body).toMatchObject({ messageId: rejectedId, status: 'duplicate' });
      expect(await outboxEvents(app, [LATE_LOAD])).toHaveLength(1);
    });
  });
});
