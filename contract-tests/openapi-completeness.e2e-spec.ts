import { describe, expect, it } from 'vitest';

import { PUBLISHED_DOCUMENTS } from '../apps/gateway/src/embedded.js';
import { committedDocumentFile, readCommittedDocument } from './committed-documents.js';
import {
  type OpenApiDocument,
  OpenApiCompleteness,
  type OperationObject,
  type ResponseObject,
  type SchemaObject,
} from './openapi-completeness.js';

describe('OpenAPI completeness', () => {
  for (const spec of PUBLISHED_DOCUMENTS) {
    describe(`${spec.title} v${spec.version}`, () => {
      const file = committedDocumentFile(spec);

      it(`${file} describes and exemplifies every operation, parameter, body field and response`, () => {
        const document = readCommittedDocument(spec);

        expect(OpenApiCompleteness.operations(document).length).toBeGreaterThan(0);
        expect(OpenApiCompleteness.check(document), `${file} is incomplete; fix the decorators named below`).toEqual(
          [],
        );
      });
    });
  }
});

const ROUTE = 'POST /process/v1/loads/{loadId}/stops';
const BODY = `${ROUTE}: request body (application/json)`;

const text = (description: string, example: string): SchemaObject => ({ type: 'string', description, example });
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): ResponseObject => ({
  description,
  content: { 'application/problem+json': { schema: ref('ProblemDetailsDto'), example: { code: 'UNAUTHENTICATED' } } },
});

/** A small document that passes the check; each case below breaks one thing in it. */
function completeDocument(): OpenApiDocument & { components: { schemas: Record<string, SchemaObject> } } {
  return {
    paths: {
      '/process/v1/loads/{loadId}/stops': {
        post: {
          operationId: 'loads_addStop',
          summary: 'Add a stop',
          description: 'Adds a stop to a load.',
          security: [{ bearer: [] }],
          parameters: [
            { name: 'loadId', in: 'path', description: 'Load id.', schema: { type: 'string', example: 'LD-1' } },
          ],
          requestBody: { content: { 'application/json': { schema: ref('AddStopDto') } } },
          responses: {
            '201': { description: 'The stop.', content: { 'application/json': { schema: ref('StopView') } } },
            '401': problem('No bearer token.'),
            '403': problem('Insufficient scope.'),
          },
        },
      },
    },
    components: {
      schemas: {
        AddStopDto: {
          type: 'object',
          properties: {
            kind: text('Pickup or delivery.', 'pickup'),
            facility: ref('FacilityDto'),
            references: { type: 'array', description: 'Shipper references.', items: ref('ReferenceDto') },
            window: {
              type: 'object',
              description: 'Appointment window.',
              properties: {
                from: text('Opens at.', '2026-12-07T14:00:00Z'),
                to: text('Closes at.', '2026-12-07T16:00:00Z'),
              },
            },
          },
        },
        FacilityDto: { type: 'object', properties: { name: text('Facility name.', 'Midwest Paper DC') } },
        ReferenceDto: { type: 'object', properties: { value: text('Reference number.', 'BOL-7781') } },
        StopView: { type: 'object', properties: { id: text('Stop id.', 'STP-1'), facility: ref('FacilityDto') } },
        ProblemDetailsDto: { type: 'object', properties: { code: text('Problem code.', 'UNAUTHENTICATED') } },
      },
    },
  };
}

function operationOf(document: OpenApiDocument): OperationObject {
  return document.paths!['/process/v1/loads/{loadId}/stops'].post!;
}

describe(OpenApiCompleteness.name, () => {
  it('accepts a complete document', () => {
    expect(OpenApiCompleteness.check(completeDocument())).toEqual([]);
  });

  describe('lists each offender', () => {
    it('an operation without operationId, summary or description', () => {
      const document = completeDocument();
      const operation = operationOf(document);
      delete operation.operationId;
      operation.summary = ' ';
      delete operation.description;

      expect(OpenApiCompleteness.check(document)).toEqual([
        `${ROUTE}: the operation has no operationId`,
        `${ROUTE}: the operation has no summary`,
        `${ROUTE}: the operation has no description`,
      ]);
    });

    it('a parameter without a description or an example', () => {
      const document = completeDocument();
      const [loadId] = operationOf(document).parameters!;
      delete loadId.description;
      delete loadId.schema!.example;

      expect(OpenApiCompleteness.check(document)).toEqual([
        `${ROUTE}: path parameter loadId has no description`,
        `${ROUTE}: path parameter loadId has no example`,
      ]);
    });

    it('a request body field without an example, in a referenced schema, array items or a nested object', () => {
      const document = completeDocument();
      const { schemas } = document.components;
      delete schemas.ReferenceDto.properties!.value.example;
      delete schemas.AddStopDto.properties!.window.properties!.to.example;
      delete schemas.AddStopDto.properties!.kind.description;

      expect(OpenApiCompleteness.check(document)).toEqual([
        `${BODY}: field AddStopDto.kind has no description`,
        `${BODY}: field ReferenceDto.value has no example`,
        `${BODY}: field AddStopDto.window.to has no example`,
      ]);
    });

    it('a response whose schema cannot supply the example its media type lacks', () => {
      const document = completeDocument();
      delete document.components.schemas.FacilityDto.properties!.name.example;

      expect(OpenApiCompleteness.check(document)).toEqual([
        `${BODY}: field FacilityDto.name has no example`,
        `${ROUTE}: response 201 (application/json) has no example, and its schema has none for FacilityDto.name`,
      ]);
    });

    it('a response without a description', () => {
      const document = completeDocument();
      delete operationOf(document).responses!['201'].description;

      expect(OpenApiCompleteness.check(document)).toEqual([`${ROUTE}: response 201 has no description`]);
    });

    it('a protected operation that does not document its 401 and 403 problems', () => {
      const document = completeDocument();
      const responses = operationOf(document).responses!;
      delete responses['403'];
      responses['401'] = { description: 'No bearer token.' };

      expect(OpenApiCompleteness.check(document)).toEqual([
        `${ROUTE}: needs a token but documents no 401 application/problem+json response`,
        `${ROUTE}: needs a token but documents no 403 application/problem+json response`,
      ]);
    });
  });

  describe('accepts', () => {
    it('an example on the media type in place of examples in its schema', () => {
      const document = completeDocument();
      delete document.components.schemas.StopView.properties!.id.example;
      operationOf(document).responses!['201'].content!['application/json'].example = { id: 'STP-1' };

      expect(OpenApiCompleteness.check(document)).toEqual([]);
    });

    it('a public operation without 401 and 403 responses', () => {
      const document = completeDocument();
      const operation = operationOf(document);
      operation.security = [];
      delete operation.responses!['401'];
      delete operation.responses!['403'];

      expect(OpenApiCompleteness.check(document)).toEqual([]);
    });
  });
});
