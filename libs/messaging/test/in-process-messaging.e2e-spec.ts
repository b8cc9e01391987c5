import { randomUUID } from 'node:crypto';

import { describe } from 'vitest';

import { InProcessEventBus } from '../src/index.js';
import { messagingScenarios } from './messaging-scenarios.js';

describe('outbox, inbox and dead letters on SQLite with the in-process bus', () => {
  messagingScenarios({
    bus: () => new InProcessEventBus(),
    consumerName: () => `consumer-${randomUUID().slice(0, 8)}`,
  });
});
