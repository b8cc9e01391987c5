import { describe } from 'vitest';

import { billingScenarios } from './billing-scenario.scenarios.js';
import { startProcessLayer } from './process-layer.js';

describe('from shipment creation to a posted invoice, embedded on SQLite with the in-process bus', () => {
  billingScenarios(async () => {
    const app = await startProcessLayer();

    return { processApi: app, dispose: () => app.dispose() };
  });
});
