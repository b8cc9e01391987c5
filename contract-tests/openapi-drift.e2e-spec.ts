import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildLayerDocument } from '@lanegate/platform';
import type { TestApp } from '@lanegate/platform/testing';

import { PUBLISHED_DOCUMENTS } from '../apps/gateway/src/embedded.js';
import { startEmbeddedGateway } from '../apps/gateway/test/embedded-gateway.js';
import {
  committedDocumentFile,
  committedDocumentFiles,
  readCommittedDocument,
  REGENERATE,
} from './committed-documents.js';

/** The document as it would be written to disk and read back: `undefined` members gone, only JSON left. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('OpenAPI drift', () => {
  let gateway: TestApp;

  beforeAll(async () => {
    gateway = await startEmbeddedGateway();
  });

  afterAll(async () => {
    await gateway.dispose();
  });

  it('commits one document per published layer under openapi/, and none for the sandbox', () => {
    const expected = PUBLISHED_DOCUMENTS.map(committedDocumentFile).sort();

    expect(committedDocumentFiles(), `openapi/ does not hold exactly ${expected.join(', ')}: ${REGENERATE}`).toEqual(
      expected,
    );
  });

  for (const spec of PUBLISHED_DOCUMENTS) {
    describe(`${spec.title} v${spec.version}`, () => {
      const file = committedDocumentFile(spec);

      it(`matches ${file}, generated from the code`, () => {
        const generated = asJson(buildLayerDocument(gateway.app, spec));

        expect(generated, `${file} differs from what the code generates: ${REGENERATE}`).toEqual(
          readCommittedDocument(spec),
        );
      });

      it(`GET /docs/${spec.layer}/openapi.json serves ${file}`, async () => {
        const response = await fetch(`${gateway.baseUrl}/docs/${spec.layer}/openapi.json`);

        expect(response.status).toBe(200);
        expect(await response.json(), `/docs/${spec.layer}/openapi.json differs from ${file}: ${REGENERATE}`).toEqual(
          readCommittedDocument(spec),
        );
      });
    });
  }
});
