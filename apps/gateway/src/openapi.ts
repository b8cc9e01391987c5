import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildLayerDocument, createLanegateApp, loadConfig } from '@lanegate/platform';

import { EMBEDDED_DOCUMENTS, EMBEDDED_LAYERS, PUBLISHED_DOCUMENTS } from './embedded.js';

/** Regenerates the committed OpenAPI documents under `openapi/` from the code. */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lanegate-openapi-'));
  const config = loadConfig('gateway', { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const app = await createLanegateApp({ config, layers: EMBEDDED_LAYERS, documents: EMBEDDED_DOCUMENTS, quiet: true });
  await app.init();

  for (const spec of PUBLISHED_DOCUMENTS) {
    const file = join('openapi', `${spec.layer}.v${spec.version}.json`);
    writeFileSync(file, `${JSON.stringify(buildLayerDocument(app, spec), null, 2)}\n`);
    process.stdout.write(`wrote ${file}\n`);
  }

  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
