import { createHash } from 'node:crypto';

import { sortKeys } from '@lanegate/platform';

import { createEvent, type EventType } from '../event-envelope.js';
import { DEFAULT_PARTITIONS } from '../partitioning.js';
import { dataSchemaOf, type EventCatalog, type EventDefinition } from './event-catalog.js';
import { type JsonSchema, utcTime } from './json-schema.js';

/** Version of the events document: a new event type is a minor release, a removed one a major release. */
export const EVENTS_DOCUMENT_VERSION = '1.0.0';

/** CloudEvents in structured mode: attributes and `data` in one JSON object. */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

interface Reference {
  readonly $ref: string;
}

export interface AsyncApiMessage {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly contentType: string;
  readonly headers: JsonSchema;
  readonly payload: JsonSchema;
  readonly examples: readonly { name: string; summary: string; payload: unknown }[];
}

export interface AsyncApiChannel {
  readonly address: string;
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, Reference>>;
  readonly messages: Readonly<Record<string, AsyncApiMessage>>;
}

export interface AsyncApiOperation {
  readonly action: 'send';
  readonly title: string;
  readonly summary: string;
  readonly description: string;
  readonly channel: Reference;
  readonly messages: readonly Reference[];
}

/** The parts of an AsyncAPI 3.0 document that Lanegate writes. */
export interface AsyncApiDocument {
  readonly asyncapi: '3.0.0';
  readonly info: Readonly<Record<string, unknown>>;
  readonly defaultContentType: string;
  readonly servers: Readonly<Record<string, unknown>>;
  readonly channels: Readonly<Record<string, AsyncApiChannel>>;
  readonly operations: Readonly<Record<string, AsyncApiOperation>>;
  readonly components: Readonly<Record<string, unknown>>;
}

const DESCRIPTION = `Events Lanegate publishes about shipments, dispatch, billing holds and invoices.

- **Envelope.** Every message is a CloudEvents 1.0 event in structured mode (\`${CLOUDEVENTS_CONTENT_TYPE}\`): the \
attributes and \`data\` in one JSON object. \`type\` carries the version (\`lanegate.<domain>.<fact>.v<n>\`), \
\`subject\` is the shipment id, and the extensions \`correlationid\` and \`sequence\` carry the correlation id and the \
event's position in its shipment's stream.
- **Delivery is at least once.** A retried publish or a replay delivers an event again: deduplicate on \`id\`, for \
example in an inbox of handled ids.
- **Order is per shipment.** All events of a shipment go to one partition, which one consumer reads in order; there \
is no order across shipments. Consumers still tolerate late events and use \`sequence\` to place them.
- **Versions.** A new version of an event is a new \`type\` on its own channel; consumers upcast the old version.

The channels below are the subjects of the distributed mode's NATS JetStream. The embedded mode carries the same \
events on an in-process bus, without subjects.`;

/**
 * The AsyncAPI 3.0 document of every event type in `catalog`: one channel, message and `send` operation per type,
 * with sorted keys so that the committed file diffs cleanly.
 */
export function buildAsyncApiDocument(catalog: EventCatalog): AsyncApiDocument {
  const definitions = catalog.definitions();
  const channels = definitions.map((definition) => [idOf(definition.type), channelOf(definition)] as const);
  const operations = definitions.map(
    (definition) => [operationIdOf(definition.type), operationOf(definition)] as const,
  );

  return sortKeys({
    asyncapi: '3.0.0',
    info: {
      title: 'Lanegate events',
      version: EVENTS_DOCUMENT_VERSION,
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    defaultContentType: CLOUDEVENTS_CONTENT_TYPE,
    servers: {
      nats: {
        host: '127.0.0.1:4222',
        protocol: 'nats',
        description:
          "The distributed mode's NATS JetStream (stream `LANEGATE_EVENTS`), at its local default address; a " +
          'deployment sets its own with `NATS_URL`.',
      },
    },
    channels: Object.fromEntries(channels),
    operations: Object.fromEntries(operations),
    components: {
      parameters: {
        partition: {
          description: `FNV-1a hash of the shipment id (the event's \`subject\`) modulo ${DEFAULT_PARTITIONS}.`,
          enum: Array.from({ length: DEFAULT_PARTITIONS }, (_, partition) => String(partition)),
          examples: ['7'],
        },
      },
    },
  });
}

/** `dispatchPodCapturedV1` for `lanegate.dispatch.pod_captured.v1`: the id of its channel and message. */
function idOf(type: EventType): string {
  const [first = '', ...rest] = type.slice('lanegate.'.length).split(/[._]/);

  return first + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

function operationIdOf(type: EventType): string {
  const id = idOf(type);

  return `publish${id.charAt(0).toUpperCase()}${id.slice(1)}`;
}

/** `Dispatch pod captured (v1)` for `lanegate.dispatch.pod_captured.v1`. */
function titleOf(type: EventType): string {
  const parts = type.split('.');
  const words = parts.slice(1, -1).join(' ').replace(/_/g, ' ');

  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${parts.at(-1) ?? ''})`;
}

function channelOf(definition: EventDefinition): AsyncApiChannel {
  const id = idOf(definition.type);

  return {
    address: `lanegate.events.p{partition}.${definition.type}`,
    title: titleOf(definition.type),
    summary: definition.summary,
    description: `Every \`${definition.type}\` event, on the partition of its shipment.`,
    parameters: { partition: { $ref: '#/components/parameters/partition' } },
    messages: { [id]: messageOf(definition) },
  };
}

function operationOf(definition: EventDefinition): AsyncApiOperation {
  const id = idOf(definition.type);

  return {
    action: 'send',
    title: `Publish ${titleOf(definition.type).toLowerCase()}`,
    summary: `Lanegate publishes \`${definition.type}\`.`,
    description:
      'Published through the transactional outbox: the event commits with the state change that caused it, then a ' +
      'relay publishes it, possibly more than once.',
    channel: { $ref: `#/channels/${id}` },
    messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
  };
}

function messageOf(definition: EventDefinition): AsyncApiMessage {
  return {
    name: definition.type,
    title: titleOf(definition.type),
    summary: definition.summary,
    description: definition.description,
    contentType: CLOUDEVENTS_CONTENT_TYPE,
    headers: {
      type: 'object',
      properties: {
        'Nats-Msg-Id': {
          type: 'string',
          description: 'The event `id`; JetStream drops a repeated publish within its duplicate window.',
        },
      },
    },
    payload: envelopeOf(definition),
    examples: [{ name: 'example', summary: `A \`${definition.type}\` event.`, payload: exampleOf(definition) }],
  };
}

function envelopeOf(definition: EventDefinition): JsonSchema {
  return {
    type: 'object',
    description:
      'A CloudEvents 1.0 event in structured mode. Attributes not listed here (other CloudEvents extensions) may ' +
      'appear and are to be ignored.',
    required: [
      'specversion',
      'id',
      'type',
      'source',
      'subject',
      'time',
      'datacontenttype',
      'dataschema',
      'correlationid',
      'data',
    ],
    properties: {
      specversion: { type: 'string', const: '1.0', description: 'CloudEvents version.' },
      id: {
        type: 'string',
        minLength: 1,
        description: 'Unique per event, and the deduplication key: a consumer handles each id once.',
      },
      type: { type: 'string', const: definition.type, description: 'The event type, with its version.' },
      source: {
        type: 'string',
        format: 'uri-reference',
        description: 'The Lanegate layer that published the event, e.g. `/lanegate/process-api`.',
      },
      subject: { type: 'string', minLength: 1, description: 'The shipment id; it picks the partition.' },
      time: utcTime('When the event was produced.'),
      datacontenttype: { type: 'string', const: 'application/json', description: 'Media type of `data`.' },
      dataschema: {
        type: 'string',
        const: dataSchemaOf(definition.type),
        description: 'Names the schema of `data`: the event type without the `lanegate.` prefix.',
      },
      correlationid: {
        type: 'string',
        minLength: 1,
        description: 'Correlation id carried from order creation to ERP posting.',
      },
      sequence: {
        type: 'integer',
        minimum: 0,
        description: "Position of the event in its shipment's stream, when the producer knows it.",
      },
      data: definition.schema,
    },
  };
}

function exampleOf(definition: EventDefinition): unknown {
  const event = createEvent({
    id: exampleId(definition.type),
    type: definition.type,
    subject: 'SHP-1042',
    source: '/lanegate/process-api',
    time: '2026-03-05T14:25:00Z',
    data: definition.example,
    correlationId: 'ord-5531',
    sequence: 4,
  });

  return JSON.parse(JSON.stringify(event));
}

/** A UUID-shaped id that is stable per type, so that the committed document does not change between runs. */
function exampleId(type: EventType): string {
  const hex = createHash('sha256').update(type).digest('hex');

  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
