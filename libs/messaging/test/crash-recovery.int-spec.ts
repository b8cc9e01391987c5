import { describe } from 'vitest';

import { crashRecoveryScenario } from './crash-recovery.scenario.js';

const { DATABASE_URL, NATS_URL, CI } = process.env;
if (CI === 'true' && (!DATABASE_URL || !NATS_URL)) {
  throw new Error('CI=true: DATABASE_URL and NATS_URL must be set for the messaging integration suite');
}

describe.skipIf(!DATABASE_URL || !NATS_URL)('relay and consumer killed with SIGKILL: PostgreSQL and JetStream', () => {
  crashRecoveryScenario({ databaseUrl: DATABASE_URL, natsUrl: NATS_URL });
});
