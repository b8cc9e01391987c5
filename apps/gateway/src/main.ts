import { runProcess } from '@lanegate/platform';

import { EMBEDDED_DOCUMENTS, EMBEDDED_LAYERS } from './embedded.js';

await runProcess({
  app: 'gateway',
  layers: EMBEDDED_LAYERS,
  documents: EMBEDDED_DOCUMENTS,
  banner: (_baseUrl, config) => [
    `  database: ${config.databaseUrl ? 'PostgreSQL' : `SQLite files under ${config.dataDir}`}`,
    '  get a token: npm run token -- --scope ops',
  ],
});
