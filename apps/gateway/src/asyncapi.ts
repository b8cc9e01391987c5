import { writeFileSync } from 'node:fs';

import { buildAsyncApiDocument, EVENT_CATALOG } from '@lanegate/messaging';

/** Regenerates the committed AsyncAPI document of Lanegate's events, `openapi/events.asyncapi.json`, from the catalog. */
function main(): void {
  const file = 'openapi/events.asyncapi.json';
  writeFileSync(file, `${JSON.stringify(buildAsyncApiDocument(EVENT_CATALOG), null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
}

main();
