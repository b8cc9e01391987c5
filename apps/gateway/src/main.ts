import { runProcess } from '@lanegate/platform';

import { EMBEDDED_DOCUMENTS, EMBEDDED_LAYERS } from './embedded.js';

await runProcess({
  app: 'gateway',
  layers: EMBEDDED_LAYERS,
  documents: EMBEDDED_DOCUMENTS,
  banner: (baseUrl, config) => [
    `  operations dashboard: ${baseUrl}/ops`,
    `  database: ${config.databaseUrl ? 'PostgreSQL' : `SQLite files under ${config.dataDir}`}`,
    `  demonstration traffic: ${config.demo.loadsPerMinute} loads a minute (DEMO_LOADS_PER_MINUTE)`,
    '  get a token: npm run token -- --scope ops',
  ],
});
