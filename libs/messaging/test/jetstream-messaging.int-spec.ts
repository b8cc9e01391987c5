import { randomUUID } from 'node:crypto';

import { connect } from 'nats';
import { afterAll, describe } from 'vitest';

import { JetStreamEventBus } from '../src/index.js';
import { messagingScenarios } from './messaging-scenarios.js';

const { DATABASE_URL, NATS_URL, CI } = process.env;
if (CI === 'true' && (!DATABASE_URL || !NATS_URL)) {
  throw new Error('CI=true: DATABASE_URL and NATS_URL must be set for the messaging integration suite');
}

describe.skipIf(!DATABASE_URL || !NATS_URL)('outbox, inbox and dead letters on PostgreSQL with NATS JetStream', () => {
  // A stream per test keeps tests apart; they are deleted at the end.
  const streams: string[] = [];

  afterAll(async () => {
    const nc = await connect({ servers: NATS_URL });
    const jsm = await nc.jetstreamManager();
    await Promise.all(streams.map((stream) => jsm.streams.delete(stream).catch(() => false)));
    await nc.close();
  });

  messagingScenarios({
    databaseUrl: DATABASE_URL,
    bus: () => {
      const run = randomUUID().slice(0, 8);
      streams.push(`LANEGATE_TEST_${run}`);

      return new JetStreamEventBus({
        servers: NATS_URL!,
        stream: `LANEGATE_TEST_${run}`,
        subjectPrefix: `lanegate-test.${run}`,
        partitions: 8,
      });
    },
    consumerName: () => `consumer-${randomUUID().slice(0, 8)}`,
  });
});
