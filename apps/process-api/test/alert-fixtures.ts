import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

import { getDataSourceToken } from '@nestjs/typeorm';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';

import { DeadLetterEntity } from '@lanegate/messaging';
import { runInTransaction } from '@lanegate/persistence';
import type { TestApp } from '@lanegate/platform/testing';

/** The Standard Webhooks secret the alert suites sign with. */
export const ALERT_WEBHOOK_SECRET = `whsec_${Buffer.from('lanegate-alerts-e2e-webhook-secret').toString('base64')}`;

/** A notification as the receiver got it, with whether it answered 2xx and the payload once its signature checks. */
export interface ReceivedNotification {
  webhookId: string;
  headers: IncomingHttpHeaders;
  body: string;
  acknowledged: boolean;
  payload: { type: string; timestamp: string; data: Record<string, any> };
}

/**
 * A webhook receiver on a free local port that verifies every Standard Webhooks signature with the secret and
 * answers 204, or 503 while it is `down`, or the status in `refusing` while that is set.
 */
export class AlertReceiver {
  readonly received: ReceivedNotification[] = [];
  readonly rejectedSignatures: string[] = [];
  down = false;
  refusing?: number;
  private server?: Server;
  private port = 0;

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/lanegate`;
  }

  async start(): Promise<void> {
    const webhook = new Webhook(this.secret);
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let payload: ReceivedNotification['payload'];
        try {
          payload = webhook.verify(body, request.headers as Record<string, string>) as ReceivedNotification['payload'];
        } catch (error) {
          this.rejectedSignatures.push(String(error));
          response.writeHead(400).end();

          return;
        }
        const webhookId = String(request.headers['webhook-id']);
        const status = this.refusing ?? (this.down ? 503 : 204);
        this.received.push({ webhookId, headers: request.headers, body, acknowledged: status === 204, payload });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The acknowledged notifications about one alert, in the order they came. */
  acknowledgedFor(alertId: string): ReceivedNotification[] {
    return this.received.filter(
      (notification) => notification.acknowledged && notification.payload.data.id === alertId,
    );
  }
}

/** Open dead letters of a consumer that does not exist here, as a failing consumer would have left them. */
export async function storeDeadLetters(app: TestApp, count: number): Promise<string[]> {
  const dataSource = app.app.get<DataSource>(getDataSourceToken('process'));
  const now = new Date();
  const letters = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    consumer: 'process.alerts-e2e',
    eventId: randomUUID(),
    type: 'lanegate.shipment.created.v1',
    subject: `SHP-dead-letter-${index}`,
    envelope: '{}',
    reason: 'MAPPING_MISSING',
    error: 'customer mapping missing',
    attempts: 5,
    firstFailedAt: now,
    lastFailedAt: now,
    status: 'open' as const,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
  }));
  await runInTransaction(dataSource, (manager) => manager.insert(DeadLetterEntity, letters));

  return letters.map((letter) => letter.id);
}
