import { ApiProperty } from '@nestjs/swagger';

export class EventCountsView {
  @ApiProperty({ description: 'Canonical events appended to the system outbox by this processing.', example: 3 })
  appended: number;

  @ApiProperty({
    description: 'Reports whose canonical event was already in the outbox (a redelivery); nothing was appended.',
    example: 0,
  })
  duplicates: number;

  @ApiProperty({
    description: "Reports of statuses the vendor's table deliberately maps to no event (position or ETA updates).",
    example: 1,
  })
  ignored: number;
}

/** What Lanegate answers a dispatch vendor once its message and the events from it are stored. */
export class VendorMessageReceiptView {
  @ApiProperty({
    description: 'Id of the raw message as stored; quote it to replay the message or when asking for support.',
    example: '0b6f3c52-7d7e-4f0b-9f43-1f7c3e2a9d10',
  })
  messageId: string;

  @ApiProperty({ description: 'The vendor format the message was read as.', example: 'nmfta' })
  vendor: string;

  @ApiProperty({
    description:
      '`accepted`: the message was mapped and its events stored. `duplicate`: a message with this `webhook-id` was ' +
      'already accepted, so this one had no effect.',
    enum: ['accepted', 'duplicate'],
    example: 'accepted',
  })
  status: 'accepted' | 'duplicate';

  @ApiProperty({ description: 'What became of the status reports in the message.', type: EventCountsView })
  events: EventCountsView;
}

/** A Trackline webhook, documented by example; Lanegate checks it against its JSON Schema. */
export const TRACKLINE_WEBHOOK_EXAMPLE = {
  eventId: '7a1d4c2e-5b9f-4e38-a1c6-0d2f8b3e9a41',
  eventTime: '2026-12-07T14:05:12Z',
  eventType: 'RouteStopArrival',
  orgId: 48211,
  webhookId: 'wh_7781',
  data: {
    route: { id: 'rt_55120', externalIds: { lanegateShipmentId: 'SHP-5b0e3c1e' }, plannedMiles: 412 },
    routeStop: { id: 'rs_1', sequence: 1, name: 'Midwest Paper DC' },
    driver: { id: 'drv_311', name: 'J. Okafor' },
    carrier: { scac: 'SWFT', name: 'Swift Transportation' },
  },
};

/** An NMFTA `EventBatch` of one event, as the standard's `shipmentEvents` webhook posts it. */
export const NMFTA_EVENT_BATCH_EXAMPLE = {
  deliveryId: 'dlv-20261207-000311',
  sentAt: '2026-12-07T14:06:00Z',
  events: [
    {
      eventId: '01JEQ7Y2M4B7R3K9S1V5W8X0ZA',
      type: 'ARRIVED_AT_TERMINAL',
      status: 'X1',
      occurredAt: '2026-12-07T14:05:00Z',
      sequence: 3,
      location: { locationId: 'CMH-DC-01', name: 'Buckeye Grocers Warehouse', type: 'FACILITY' },
      shipment: {
        shipmentId: 'SHP-5b0e3c1e',
        mode: 'FTL',
        scac: 'SWFT',
        origin: { locationId: 'CHI-DC-07', name: 'Midwest Paper DC', type: 'FACILITY' },
        destination: { locationId: 'CMH-DC-01', name: 'Buckeye Grocers Warehouse', type: 'FACILITY' },
      },
    },
  ],
};

/** An X12 214 with one status (arrived at pickup), as a carrier sends it. */
export const X12_214_EXAMPLE = [
  'ISA*00*          *00*          *02*SWFT           *ZZ*LANEGATE       *261207*1432*U*00401*000000905*0*P*>~',
  'GS*QM*SWFT*LANEGATE*20261207*1432*905*X*004010~',
  'ST*214*0001~',
  'B10*PRO778812*SHP-5b0e3c1e*SWFT~',
  'LX*1~',
  'AT7*X3*NS***20261207*0805*CT~',
  'MS1*CHICAGO*IL*US~',
  'MS2*SWFT*TRK4411~',
  'SE*7*0001~',
  'GE*1*905~',
  'IEA*1*000000905~',
].join('\n');

/** The 997 Lanegate answers {@link X12_214_EXAMPLE} with. */
export const X12_997_EXAMPLE = [
  'ISA*00*          *00*          *ZZ*LANEGATE       *02*SWFT           *261207*1433*U*00401*000000905*0*P*>~',
  'GS*FA*LANEGATE*SWFT*20261207*1433*905*X*004010~',
  'ST*997*0001~',
  'AK1*QM*905~',
  'AK2*214*0001~',
  'AK5*A~',
  'AK9*A*1*1*1~',
  'SE*6*0001~',
  'GE*1*905~',
  'IEA*1*000000905~',
].join('\n');
