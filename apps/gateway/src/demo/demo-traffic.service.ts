import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';

import { LANEGATE_CONFIG, type LanegateConfig, TokenIssuer } from '@lanegate/platform';

const HOUR_MS = 3_600_000;
/** Lifecycle time played per real second: a load's day on the road plays in about two minutes. */
const TIME_SCALE = 600;
const FIRST_LOAD_AFTER_MS = 2_000;
const FORMATS = ['nmfta', 'trackline', 'x12'] as const;

interface DemoLane {
  customerId: string;
  miles: number;
  origin: { name: string; city: string; region: string; postalCode: string };
  destination: { name: string; city: string; region: string; postalCode: string };
}

/** Lanes the sandbox ERP's seeded contracts price, for customers that behave differently at billing time. */
const LANES: readonly DemoLane[] = [
  {
    customerId: 'C-1001',
    miles: 356,
    origin: { name: 'Midwest Paper DC', city: 'Chicago', region: 'IL', postalCode: '60607' },
    destination: { name: 'Buckeye Grocers', city: 'Columbus', region: 'OH', postalCode: '43215' },
  },
  {
    customerId: 'C-1002',
    miles: 205,
    origin: { name: 'Lakeshore Foods Plant 3', city: 'Columbus', region: 'OH', postalCode: '43219' },
    destination: { name: 'Motor City Markets', city: 'Detroit', region: 'MI', postalCode: '48207' },
  },
  {
    customerId: 'C-1002',
    miles: 135,
    origin: { name: 'Lakeshore Cold Storage', city: 'Cleveland', region: 'OH', postalCode: '44114' },
    destination: { name: 'Three Rivers Wholesale', city: 'Pittsburgh', region: 'PA', postalCode: '15222' },
  },
  {
    customerId: 'C-1004',
    miles: 283,
    origin: { name: 'Great Lakes Chemical Terminal', city: 'Detroit', region: 'MI', postalCode: '48209' },
    destination: { name: 'Calumet Coatings', city: 'Chicago', region: 'IL', postalCode: '60633' },
  },
];

const CARRIERS = [
  { scac: 'SWFT', name: 'Swift Transportation' },
  { scac: 'KNXT', name: 'Knight Transportation' },
  { scac: 'WERN', name: 'Werner Enterprises' },
] as const;

/**
 * Demonstration traffic of the embedded gateway: every few seconds a shipper orders a load on a seeded lane and the
 * sandbox dispatch platform plays its lifecycle (in NMFTA, Trackline or X12 214, with its duplicates and delays) at
 * 600 times real speed, so the dashboard moves within a minute of `npm start`. It goes through the public routes
 * only, with a token of its own, like any client.
 */
@Injectable()
export class DemoTraffic implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DemoTraffic.name);
  private readonly http: AxiosInstance;
  private timer?: NodeJS.Timeout;
  private played = 0;

  constructor(
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
    @Inject(TokenIssuer) private readonly tokens: TokenIssuer,
  ) {
    this.http = axios.create({ baseURL: config.layerUrls.process, timeout: config.layerCallTimeoutMs });
  }

  onApplicationBootstrap(): void {
    const perMinute = this.config.demo.loadsPerMinute;
    if (perMinute === 0) {
      return;
    }
    this.timer = setTimeout(() => {
      void this.playLoad();
      this.timer = setInterval(() => void this.playLoad(), Math.round(60_000 / perMinute)).unref();
    }, FIRST_LOAD_AFTER_MS).unref();
    this.logger.log({ perMinute }, 'demonstration traffic on: the sandbox dispatch platform plays new loads');
  }

  onApplicationShutdown(): void {
    // Node's timers share one handle type: this clears the first load's timeout or the interval after it.
    clearInterval(this.timer);
  }

  /** Orders one load and has the dispatch platform play it; a failure is logged and the next load goes on. */
  async playLoad(now = Date.now()): Promise<{ shipmentId: string; loadId: string } | undefined> {
    const number = ++this.played;
    const lane = LANES[number % LANES.length];
    const correlationId = `demo-${now.toString(36)}-${number}`;
    const headers = { authorization: `Bearer ${this.token()}`, 'x-correlation-id': correlationId };
    // The load was picked up yesterday: the platform reports it as it happened, so every time is in the past.
    const stops = [
      { kind: 'pickup', ...lane.origin, country: 'US', appointmentAt: new Date(now - 20 * HOUR_MS).toISOString() },
      {
        kind: 'delivery',
        ...lane.destination,
        country: 'US',
        appointmentAt: new Date(now - 8 * HOUR_MS).toISOString(),
      },
    ];
    try {
      const { data: shipment } = await this.http.post<{ id: string }>(
        '/process/v1/shipments',
        { customerId: lane.customerId, purchaseOrder: `PO-${70_000 + number}`, routeMiles: lane.miles, stops },
        { headers },
      );
      const { data: load } = await axios.post<{ loadId: string }>(
        `${this.config.layerUrls.sandbox}/sandbox/dispatch/loads`,
        {
          shipmentId: shipment.id,
          format: FORMATS[number % FORMATS.length],
          stops: stops.map((stop, index) => ({
            sequence: index + 1,
            type: stop.kind,
            appointmentAt: stop.appointmentAt,
            name: stop.name,
            city: stop.city,
            state: stop.region,
            postalCode: stop.postalCode,
          })),
          carrier: CARRIERS[number % CARRIERS.length],
          routeMiles: lane.miles,
          seed: number,
          timeScale: TIME_SCALE,
          accessorials: number % 3 === 0,
          correlationId,
        },
        { headers, timeout: this.config.layerCallTimeoutMs },
      );

      return { shipmentId: shipment.id, loadId: load.loadId };
    } catch (error) {
      const answer = axios.isAxiosError(error) ? error.response : undefined;
      this.logger.warn(
        { correlationId, status: answer?.status, problem: answer?.data as unknown, reason: (error as Error).message },
        'a demonstration load could not be started; the next one will',
      );

      return undefined;
    }
  }

  private token(): string {
    return this.tokens.issue({ subject: 'demo-traffic', scopes: ['dispatch:write', 'ops'], ttlSeconds: 300 });
  }
}
