import { randomBytes } from 'node:crypto';

import { connect } from 'nats';
import { describe } from 'vitest';

import { createScratchDatabase } from '@lanegate/platform/testing';

import { deadLetterScenarios } from './dead-letters.scenarios.js';

const { DATABASE_URL, NATS_URL, CI } = process.env;
if (CI === 'true' && (!DATABASE_URL || !NATS_URL)) {
  throw new Error('CI=true: DATABASE_URL and NATS_URL must be set for the dead-letter integration suite');
}

describe.skipIf(!DATABASE_URL || !NATS_URL)(
  'dead letters, event history and re-drives on PostgreSQL with JetStream',
  () => {
    deadLetterScenarios(async () => {
      const database = await createScratchDatabase(DATABASE_URL!);
      const run = randomBytes(4).toString('hex');
      const stream = `LANEGATE_DL_${run}`;

      return {
        env: {
          DATABASE_URL: database.url,
          NATS_URL: NATS_URL!,
          EVENT_STREAM: stream,
          EVENT_SUBJECT_PREFIX: `lanegate-dl.${run}`,
        },
        cleanup: async () => {
          await database.drop();
          const nc = await connect({ servers: NATS_URL });
          await (await nc.jetstreamManager()).streams.delete(stream).catch(() => false);
          await nc.close();
        },
      };
    });
  },
);
