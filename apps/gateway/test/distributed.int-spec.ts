import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXPERIENCE_API_DOCUMENT, ExperienceApiModule } from '@lanegate/experience-api';
import { PROCESS_API_DOCUMENT, ProcessApiModule } from '@lanegate/process-api';
import { SANDBOX_DOCUMENT, SandboxModule } from '@lanegate/sandbox';
import { SYSTEM_API_DOCUMENT, SystemApiModule } from '@lanegate/system-api';
import {
  createScratchDatabase,
  freePort,
  type ScratchDatabase,
  startTestApp,
  type TestApp,
} from '@lanegate/platform/testing';

import { json, shipmentRequest } from './embedded-gateway.js';

const REQUIRED_VARIABLES = ['DATABASE_URL', 'NATS_URL', 'REDIS_URL'] as const;
const missing = REQUIRED_VARIABLES.filter((name) => !process.env[name]);
const onCi = process.env.CI === 'true';
const THROTTLE_LIMIT = 5;

/** The 200 answer of `/health/ready`, or its 503 problem; both carry every probe's outcome in `details`. */
interface Readiness {
  status: string | number;
  code?: string;
  detail?: string;
  details: Record<string, { status: string; message?: string }>;
}

async function readiness(app: TestApp): Promise<{ status: number; body: Readiness }> {
  const response = await fetch(`${app.baseUrl}/health/ready`);

  return { status: response.status, body: await json<Readiness>(response) };
}

async function waitForReadiness(app: TestApp, status: number): Promise<{ status: number; body: Readiness }> {
  const deadline = Date.now() + 15_000;
  let last = await readiness(app);
  while (last.status !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await readiness(app);
  }

  return last;
}

/**
 * A TCP relay in front of a shared service, so a test can cut one process off from NATS or Redis (and let it back)
 * without stopping the server other suites use.
 */
class TcpRelay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}

  static async to(serviceUrl: string): Promise<TcpRelay> {
    return new TcpRelay(await freePort(), new URL(serviceUrl));
  }

  /** The service URL with the relay's port in place of the service's. */
  get url(): string {
    const url = new URL(this.target);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);

    return url.toString();
  }

  open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
      };
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', drop).on('close', drop);
      }
      client.pipe(upstream).pipe(client);
    });

    return new Promise((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Stops listening and drops every open connection, as a crashed server would. */
  cut(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();

    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe.skipIf(missing.length > 0 && !onCi)('distributed mode on PostgreSQL, NATS and Redis', () => {
  const runId = randomBytes(4).toString('hex');
  let scratch: ScratchDatabase | undefined;
  const apps: TestApp[] = [];
  let databaseCreated = false;
  let db: pg.Client;
  let shared: Record<string, string>;
  let sandbox: TestApp;
  let systemApi: TestApp;
  let processApi: TestApp;
  let processApiEnv: Record<string, string>;
  let experienceA: TestApp;
  let experienceB: TestApp;

  const start = async (...args: Parameters<typeof startTestApp>): Promise<TestApp> => {
    const app = await startTestApp(...args);
    apps.push(app);

    return app;
  };
  const startProcessApi = (): Promise<TestApp> =>
    start({ app: 'process-api', layers: [ProcessApiModule], documents: [PROCESS_API_DOCUMENT], env: processApiEnv });
  const startExperienceApi = (env: Record<string, string>): Promise<TestApp> =>
    start({ app: 'experience-api', layers: [ExperienceApiModule], documents: [EXPERIENCE_API_DOCUMENT], env });

  beforeAll(async () => {
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} must be set to run the distributed integration suite on CI`);
    }

    scratch = await createScratchDatabase(process.env.DATABASE_URL!);
    const databaseUrl = scratch.url;
    databaseCreated = true;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    shared = { DATABASE_URL: databaseUrl, NATS_URL: process.env.NATS_URL!, REDIS_URL: process.env.REDIS_URL! };

    sandbox = await start({ app: 'sandbox', layers: [SandboxModule], documents: [SANDBOX_DOCUMENT], env: shared });
    systemApi = await start({
      app: 'system-api',
      layers: [SystemApiModule],
      documents: [SYSTEM_API_DOCUMENT],
      env: { ...shared, ERP_BASE_URL: `${sandbox.baseUrl}/sandbox/erp` },
    });
    // A fixed port, so the experience replicas still reach process-api after it restarts.
    processApiEnv = { ...shared, SYSTEM_API_URL: systemApi.baseUrl, PORT: String(await freePort()) };
    processApi = await startProcessApi();
    const experienceEnv = { ...shared, PROCESS_API_URL: processApi.baseUrl, THROTTLE_LIMIT: String(THROTTLE_LIMIT) };
    experienceA = await startExperienceApi(experienceEnv);
    experienceB = await startExperienceApi(experienceEnv);
  });

  afterAll(async () => {
    await Promise.allSettled(apps.map((app) => app.dispose()));
    await db?.end();
    if (databaseCreated) {
      await scratch?.drop();
    }
  });

  describe('GET /health/ready', () => {
    it('answers 200 on every process and names exactly the dependencies of each', async () => {
      const expected: [TestApp, string[]][] = [
        [sandbox, ['nats', 'redis']],
        [systemApi, ['database:system', 'nats', 'redis']],
        [processApi, ['database:process', 'nats', 'redis']],
        [experienceA, ['nats', 'redis']],
        [experienceB, ['nats', 'redis']],
      ];

      for (const [app, dependencies] of expected) {
        const { status, body } = await readiness(app);

        expect({ app: app.config.app, status }).toEqual({ app: app.config.app, status: 200 });
        expect(Object.keys(body.details).sort()).toEqual(dependencies);
        expect(Object.values(body.details).every((detail) => detail.status === 'up')).toBe(true);
      }
    });
  });

  describe('PostgreSQL schemas', () => {
    it("keeps each layer's tables in the layer's own schema and none in public", async () => {
      const { rows } = await db.query<{ name: string }>(
        `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
          WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
      );
      const tables = rows.map((row) => row.name);

      expect(tables).toEqual(
        expect.arrayContaining([
          'process.shipments',
          'process.shipment_stops',
          'process.idempotency_keys',
          'system.idempotency_keys',
        ]),
      );
      expect(tables.filter((name) => name.startsWith('experience.'))).toEqual([]);
      expect(tables.filter((name) => name.startsWith('public.'))).toEqual([]);
    });

    it('points the stops foreign key at the shipments table of the same schema', async () => {
      const { rows } = await db.query<{ source: string; target: string }>(
        `SELECT conrelid::regclass::text AS source, confrelid::regclass::text AS target FROM pg_constraint
          WHERE conname = 'fk_shipment_stops_shipment'`,
      );

      expect(rows).toEqual([{ source: 'process.shipment_stops', target: 'process.shipments' }]);
    });

    it('stores instants as timestamptz', async () => {
      const { rows } = await db.query<{ column: string; type: string }>(
        `SELECT table_schema || '.' || table_name || '.' || column_name AS column, data_type AS type
          FROM information_schema.columns WHERE column_name IN ('created_at', 'expires_at', 'appointment_at')
          ORDER BY 1`,
      );

      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(rows.filter((row) => row.type !== 'timestamp with time zone')).toEqual([]);
    });
  });

  describe('POST /process/v1/shipments with Idempotency-Key', () => {
    const key = `it-order-${runId}-create`;
    const correlationId = `it-create-${runId}`;
    const create = (body: unknown): Promise<Response> =>
      fetch(`${processApi.baseUrl}/process/v1/shipments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: processApi.bearer(['dispatch:write'], { subject: `tms-${runId}` }),
          'idempotency-key': key,
          'x-correlation-id': correlationId,
        },
        body: JSON.stringify(body),
      });
    const shipmentRows = async (): Promise<{ id: string; correlation_id: string; appointment_at: Date }[]> =>
      (
        await db.query<{ id: string; correlation_id: string; appointment_at: Date }>(
          `SELECT s.id, s.correlation_id, p.appointment_at FROM process.shipments s
            JOIN process.shipment_stops p ON p.shipment_id = s.id AND p.sequence = 1`,
        )
      ).rows;
    let created: Record<string, unknown>;

    it('replays the stored response and keeps exactly one shipment row', async () => {
      const first = await create(shipmentRequest());
      created = await json(first);
      const replay = await create(shipmentRequest());

      expect(first.status).toBe(201);
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await json(replay)).toEqual(created);
      expect(await shipmentRows()).toEqual([
        { id: created.id, correlation_id: correlationId, appointment_at: new Date('2026-12-07T14:00:00Z') },
      ]);
    });

    it('answers 422 when the key is reused with a different body', async () => {
      const response = await create(shipmentRequest({ purchaseOrder: 'PO-CHANGED' }));

      expect(response.status).toBe(422);
      expect((await json(response)).code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await shipmentRows()).toHaveLength(1);
    });

    it('still replays the stored response after process-api restarts on the same database', async () => {
      await processApi.close();
      processApi = await startProcessApi();
      const replay = await create(shipmentRequest());

      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await json(replay)).toEqual(created);
      expect(await shipmentRows()).toHaveLength(1);
    });
  });

  describe('GET /experience/v1/ops/overview', () => {
    it('reflects the shipment held by process-api and echoes the correlation id', async () => {
      const correlationId = `it-overview-${runId}`;
      const response = await fetch(`${experienceA.baseUrl}/experience/v1/ops/overview`, {
        headers: {
          authorization: experienceA.bearer(['ops'], { subject: `ops-analyst-${runId}` }),
          'x-correlation-id': correlationId,
        },
      });
      const body = await json<{ shipmentsByStatus: Record<string, number> }>(response);

      expect(response.status).toBe(200);
      expect(response.headers.get('x-correlation-id')).toBe(correlationId);
      expect(body.shipmentsByStatus.created).toBe(1);
    });
  });

  describe('GET /system/v1/erp/customers/:customerId', () => {
    it('reaches the sandbox ERP from system-api', async () => {
      const response = await fetch(`${systemApi.baseUrl}/system/v1/erp/customers/C-1001`, {
        headers: { authorization: systemApi.bearer(['ops'], { subject: `ops-analyst-${runId}` }) },
      });

      expect(response.status).toBe(200);
      expect((await json(response)).id).toBe('C-1001');
    });
  });

  describe('throttling across experience-api replicas', () => {
    it('answers 429 once the client has made THROTTLE_LIMIT calls in total across both replicas', async () => {
      const authorization = experienceA.bearer(['ops'], { subject: `throttled-client-${runId}` });
      const statuses: number[] = [];
      for (let call = 0; call < THROTTLE_LIMIT + 2; call += 1) {
        const replica = call % 2 === 0 ? experienceA : experienceB;
        const response = await fetch(`${replica.baseUrl}/experience/v1/ops/overview`, { headers: { authorization } });
        statuses.push(response.status);
      }

      expect(statuses).toEqual([...Array<number>(THROTTLE_LIMIT).fill(200), 429, 429]);
    });
  });

  describe('a dependency that is down', () => {
    it('starts with Redis unreachable, answers ready 503 naming redis and stays live', async () => {
      const deadRedis = `redis://127.0.0.1:${await freePort()}`;
      const experience = await startExperienceApi({
        ...shared,
        PROCESS_API_URL: processApi.baseUrl,
        REDIS_URL: deadRedis,
      });
      const { status, body } = await readiness(experience);
      const live = await fetch(`${experience.baseUrl}/health/live`);

      expect(status).toBe(503);
      expect(body.code).toBe('NOT_READY');
      expect(body.detail).toBe('Not ready: redis is down.');
      expect(body.details.redis.status).toBe('down');
      expect(body.details.nats.status).toBe('up');
      expect(live.status).toBe(200);
      await experience.dispose();
    });

    it('starts with NATS unreachable, answers ready 503 naming nats and stays live', async () => {
      const deadNats = `nats://127.0.0.1:${await freePort()}`;
      const experience = await startExperienceApi({
        ...shared,
        PROCESS_API_URL: processApi.baseUrl,
        NATS_URL: deadNats,
      });
      const { status, body } = await readiness(experience);
      const live = await fetch(`${experience.baseUrl}/health/live`);

      expect(status).toBe(503);
      expect(body.code).toBe('NOT_READY');
      expect(body.detail).toBe('Not ready: nats is down.');
      expect(body.details.nats.status).toBe('down');
      expect(body.details.redis.status).toBe('up');
      expect(live.status).toBe(200);
      await experience.dispose();
    });

    it('follows NATS and Redis going away after start and coming back', async () => {
      const nats = await TcpRelay.to(shared.NATS_URL);
      const redis = await TcpRelay.to(shared.REDIS_URL);
      const experience = await startExperienceApi({
        ...shared,
        PROCESS_API_URL: processApi.baseUrl,
        NATS_URL: nats.url,
        REDIS_URL: redis.url,
      });
      try {
        const beforeTheyExist = await readiness(experience);
        await Promise.all([nats.open(), redis.open()]);
        const once = await waitForReadiness(experience, 200);
        await Promise.all([nats.cut(), redis.cut()]);
        const lost = await waitForReadiness(experience, 503);
        await Promise.all([nats.open(), redis.open()]);
        const back = await waitForReadiness(experience, 200);

        expect(beforeTheyExist.body.detail).toBe('Not ready: nats, redis are down.');
        expect(once.status).toBe(200);
        expect(lost.status).toBe(503);
        expect(lost.body.detail).toBe('Not ready: nats, redis are down.');
        expect(back.status).toBe(200);
      } finally {
        await experience.dispose();
        await Promise.all([nats.cut(), redis.cut()]);
      }
    });
  });
});
