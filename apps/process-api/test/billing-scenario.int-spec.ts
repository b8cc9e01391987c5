import { randomBytes } from 'node:crypto';

import { connect } from 'nats';
import { describe } from 'vitest';

import { PROCESS_API_DOCUMENT, ProcessApiModule } from '@lanegate/process-api';
import { SANDBOX_DOCUMENT, SandboxModule } from '@lanegate/sandbox';
import { SYSTEM_API_DOCUMENT, SystemApiModule } from '@lanegate/system-api';
import { createScratchDatabase, startTestApp, type TestApp } from '@lanegate/platform/testing';

import { billingScenarios } from './billing-scenario.scenarios.js';

const { DATABASE_URL, NATS_URL, REDIS_URL, CI } = process.env;
if (CI === 'true' && (!DATABASE_URL || !NATS_URL || !REDIS_URL)) {
  throw new Error('CI=true: DATABASE_URL, NATS_URL and REDIS_URL must be set for the distributed billing scenario');
}

describe.skipIf(!DATABASE_URL || !NATS_URL || !REDIS_URL)(
  'from shipment creation to a posted invoice, distributed: one app per layer on PostgreSQL, JetStream and Redis',
  () => {
    billingScenarios(async () => {
      const database = await createScratchDatabase(DATABASE_URL!);
      const run = randomBytes(4).toString('hex');
      const stream = `LANEGATE_BILLING_${run}`;
      const shared = {
        DATABASE_URL: database.url,
        NATS_URL: NATS_URL!,
        REDIS_URL: REDIS_URL!,
        EVENT_STREAM: stream,
        EVENT_SUBJECT_PREFIX: `lanegate-billing.${run}`,
        ERP_TENANT: `billing-${run}`,
      };
      const apps: TestApp[] = [];
      const start = async (...args: Parameters<typeof startTestApp>): Promise<TestApp> => {
        const app = await startTestApp(...args);
        apps.push(app);

        return app;
      };
      const dispose = async (): Promise<void> => {
        await Promise.allSettled(apps.reverse().map((app) => app.dispose()));
        await database.drop();
        const nc = await connect({ servers: NATS_URL });
        await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
        await nc.close();
      };

      try {
        const sandbox = await start({
          app: 'sandbox',
          layers: [SandboxModule],
          documents: [SANDBOX_DOCUMENT],
          env: shared,
        });
        const systemApi = await start({
          app: 'system-api',
          layers: [SystemApiModule],
          documents: [SYSTEM_API_DOCUMENT],
          env: { ...shared, ERP_BASE_URL: `${sandbox.baseUrl}/sandbox/erp` },
        });
        const processApi = await start({
          app: 'process-api',
          layers: [ProcessApiModule],
          documents: [PROCESS_API_DOCUMENT],
          env: { ...shared, SYSTEM_API_URL: systemApi.baseUrl },
        });

        return { processApi, sandbox, dispose };
      } catch (error) {
        await dispose();
        throw error;
      }
    });
  },
);
