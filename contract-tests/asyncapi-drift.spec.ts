import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

import { type AsyncApiDocument, buildAsyncApiDocument, EVENT_CATALOG } from '@lanegate/messaging';

const FILE = 'openapi/events.asyncapi.json';
const REGENERATE = 'run `npm run asyncapi` and commit the result';

function committedText(): string {
  try {
    return readFileSync(fileURLToPath(new URL(`../${FILE}`, import.meta.url)), 'utf8');
  } catch (error) {
    throw new Error(`${FILE} cannot be read: ${REGENERATE}.`, { cause: error });
  }
}

function committed(): AsyncApiDocument {
  return JSON.parse(committedText()) as AsyncApiDocument;
}

/** What the catalog generates, as it would be written to disk and read back. */
function generated(): AsyncApiDocument {
  return JSON.parse(JSON.stringify(buildAsyncApiDocument(EVENT_CATALOG))) as AsyncApiDocument;
}

function messagesOf(document: AsyncApiDocument) {
  return Object.values(document.channels).flatMap((channel) => Object.values(channel.messages));
}

describe('AsyncAPI events document', () => {
  it(`matches ${FILE}, generated from the event catalog`, () => {
    expect(generated(), `${FILE} differs from what the event catalog generates: ${REGENERATE}`).toEqual(committed());
  });

  it('has one channel and one message per registered event type, and no other', () => {
    const document = committed();
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    const names = messagesOf(document).map((message) => message.name);

    expect(addresses.sort()).toEqual(EVENT_CATALOG.types().map((type) => `lanegate.events.p{partition}.${type}`));
    expect(names.sort()).toEqual(EVENT_CATALOG.types());
  });

  it("publishes every channel's message with one send operation", () => {
    const document = committed();
    const sent = Object.values(document.operations).map((operation) => {
      expect(operation.action).toBe('send');

      return operation.messages.map((message) => message.$ref);
    });
    const messageRefs = Object.entries(document.channels).flatMap(([channelId, channel]) =>
      Object.keys(channel.messages).map((messageId) => `#/channels/${channelId}/messages/${messageId}`),
    );

    expect(sent.flat().sort()).toEqual(messageRefs.sort());
  });

  it('parses through @asyncapi/parser without errors', async () => {
    const { document, diagnostics } = await new Parser().parse(committedText());
    // The diagnostics are typed by another copy of @stoplight/types than the one exported here: compare values.
    const errors = diagnostics.filter((diagnostic) => Number(diagnostic.severity) === Number(DiagnosticSeverity.Error));

    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.channels().length).toBe(EVENT_CATALOG.types().length);
  });

  it('has message examples that validate against their CloudEvents payload schemas', () => {
    // AsyncAPI 3.0 schemas are a superset of JSON Schema draft-07, which ajv's default export reads.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);

    for (const message of messagesOf(committed())) {
      const validate = ajv.compile(message.payload);
      for (const example of message.examples) {
        expect(validate(example.payload), `${message.name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  });
});
