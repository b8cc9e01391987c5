import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { LayerDocumentSpec } from '@lanegate/platform';

import type { OpenApiDocument } from './openapi-completeness.js';

const REPOSITORY_ROOT = new URL('../', import.meta.url);

/** What to tell a reader whose committed documents no longer match the code. */
export const REGENERATE = 'run `npm run openapi` and commit the result';

/** Where `npm run openapi` writes a published document, relative to the repository root. */
export function committedDocumentFile(spec: Pick<LayerDocumentSpec, 'layer' | 'version'>): string {
  return `openapi/${spec.layer}.v${spec.version}.json`;
}

/** The JSON files committed under `openapi/`, as paths relative to the repository root. */
export function committedDocumentFiles(): string[] {
  return readdirSync(new URL('openapi/', REPOSITORY_ROOT))
    .filter((name) => name.endsWith('.json') && !name.endsWith('.asyncapi.json'))
    .map((name) => `openapi/${name}`)
    .sort();
}

/** The committed document of a published layer, parsed; a missing file fails with what to do about it. */
export function readCommittedDocument(spec: Pick<LayerDocumentSpec, 'layer' | 'version'>): OpenApiDocument {
  const file = committedDocumentFile(spec);
  let text: string;
  try {
    text = readFileSync(fileURLToPath(new URL(file, REPOSITORY_ROOT)), 'utf8');
  } catch (error) {
    throw new Error(`${file} cannot be read: ${REGENERATE}.`, { cause: error });
  }

  return JSON.parse(text) as OpenApiDocument;
}
