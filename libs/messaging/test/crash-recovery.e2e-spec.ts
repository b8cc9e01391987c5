import { describe } from 'vitest';

import { crashRecoveryScenario } from './crash-recovery.scenario.js';

describe('relay and consumer killed with SIGKILL: SQLite and the in-process bus', () => {
  crashRecoveryScenario({});
});
