import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { getDataSourceToken } from '@nestjs/typeorm';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { expect } from 'vitest';

import { OutboxEventEntity } from '@lanegate/messaging';
import { AuditLogEntity } from '@lanegate/persistence';
import { startTestApp, type TestApp } from '@lanegate/platform/testing';

import { SystemApiModule } from '../src/system-api.module.js';
import { RawVendorMessageEntity } from '../src/tms/raw-vendor-message.entity.js';
import { VendorFormats } from '../src/tms/vendor-formats.js';

/** A Standard Webhooks secret (`whsec_` and base64 of at least 24 bytes) made from a label, for tests. */
export const webhookSecret = (label: string): string =>
  `whsec_${Buffer.from(`lanegate-e2e-${label}-signing-key`).toString('base64')}`;
const secret = webhookSecret;

/** The secrets the TMS suites configure; Trackline is mid-rotation, with a current and a previous secret. */
export const TEST_SECRETS = {
  nmfta: secret('nmfta'),
  trackline: secret('trackline-2026'),
  tracklinePrevious: secret('trackline-2025'),
  x12: secret('x12'),
  stranger: secret('not-a-vendor'),
} as const;

/** The system layer alone, in an embedded process, with {@link TEST_SECRETS}. */
export function startTmsApp(): Promise<TestApp> {
  return startTestApp({
    app: 'gateway',
    layers: [SystemApiModule],
    env: {
      TMS_WEBHOOK_SECRETS:
        `nmfta=${TEST_SECRETS.nmfta};trackline=${TEST_SECRETS.trackline},${TEST_SECRETS.tracklinePrevious};` +
        `x12=${TEST_SECRETS.x12}`,
    },
  });
}

/** A file under `test/fixtures/tms/`, as text. */
export function fixture(path: string): string {
  return readFileSync(new URL(`fixtures/tms/${path}`, import.meta.url), 'utf8');
}

/** Standard Webhooks headers for `body`, signed with `secret` at `at` (now by default). */
export function signatureHeaders(input: {
  secret: string;
  body: string;
  id?: string;
  at?: Date;
}): Record<string, string> {
  const id = input.id ?? `msg_${randomUUID()}`;
  const at = input.at ?? new Date();

  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(input.secret).sign(id, at, input.body),
  };
}

export interface TmsResponse {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  body: any;
}

/** POSTs `body` to `path`, signed with `secret` unless `headers` replace the signature headers. */
export async function postSigned(
  app: TestApp,
  path: string,
  input: {
    body: string;
    secret: string;
    contentType?: string;
    correlationId?: string;
    /** Replace the signature headers. */
    headers?: Record<string, string>;
    id?: string;
    at?: Date;
  },
): Promise<TmsResponse> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': input.contentType ?? 'application/json',
      ...(input.correlationId ? { 'x-correlation-id': input.correlationId } : {}),
      ...(input.headers ?? signatureHeaders({ secret: input.secret, body: input.body, id: input.id, at: input.at })),
    },
    body: input.body,
  });

  return read(response);
}

export async function read(response: Response): Promise<TmsResponse> {
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';

  return {
    status: response.status,
    headers: response.headers,
    contentType,
    text,
    body: contentType.includes('json') ? JSON.parse(text) : text,
  };
}

function systemDataSource(app: TestApp): DataSource {
  return app.app.get<DataSource>(getDataSourceToken('system'));
}

/** The CloudEvents in the system outbox about these shipments, in outbox order. */
export async function outboxEvents(app: TestApp, shipmentIds: string[]): Promise<Record<string, unknown>[]> {
  const rows = await systemDataSource(app)
    .getRepository(OutboxEventEntity)
    .find({ order: { position: 'ASC' } });

  return rows
    .filter((row) => shipmentIds.includes(row.subject))
    .map((row) => JSON.parse(row.envelope) as Record<string, unknown>);
}

export async function rawMessage(app: TestApp, id: string): Promise<RawVendorMessageEntity | null> {
  return systemDataSource(app).getRepository(RawVendorMessageEntity).findOneBy({ id });
}

export async function rawMessageCount(app: TestApp): Promise<number> {
  return systemDataSource(app).getRepository(RawVendorMessageEntity).count();
}

/** The system layer's audit entries about one target, oldest first. */
export async function auditEntries(app: TestApp, targetId: string): Promise<AuditLogEntity[]> {
  return systemDataSource(app)
    .getRepository(AuditLogEntity)
    .find({ where: { targetId }, order: { seq: 'ASC' } });
}

/** The running process's vendor formats, whose tables a test may extend as a deploy of a corrected table would. */
export function vendorFormats(app: TestApp): VendorFormats {
  return app.app.get(VendorFormats);
}

/** The envelope every canonical dispatch event from the system layer has, around the kind's `data`. */
export function dispatchEnvelope(input: {
  id: string;
  kind: string;
  subject: string;
  correlationId: string;
  data: Record<string, unknown>;
  sequence?: number;
}): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: input.id,
    type: `lanegate.dispatch.${input.kind}.v1`,
    source: '/lanegate/system-api',
    subject: input.subject,
    // The publication time is the clock's.
    time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    datacontenttype: 'application/json',
    dataschema: `urn:lanegate:event:dispatch.${input.kind}.v1`,
    correlationid: input.correlationId,
    ...(input.sequence === undefined ? {} : { sequence: input.sequence }),
    data: input.data,
  };
}
