import { describe } from 'vitest';

import { deadLetterScenarios } from './dead-letters.scenarios.js';

describe('dead letters, event history and re-drives on SQLite with the in-process bus', () => {
  deadLetterScenarios(() => Promise.resolve({ env: {} }));
});
