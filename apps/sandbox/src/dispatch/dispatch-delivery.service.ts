import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';

import { LANEGATE_CONFIG, type LanegateConfig, TokenIssuer } from '@lanegate/platform';

import type { LifecycleStep, LoadCarrier, LoadFormat, LoadPlan } from './load-lifecycle.generator.js';
import {
  type DispatchLoadRecord,
  type DispatchMessageRecord,
  SandboxDispatchState,
} from './sandbox-dispatch-state.service.js';
import { SeededRandom } from './seeded-random.js';
import { type EncodedMessage, encodeStep, SANDBOX_DISPATCH_SOURCE } from './vendor-message.encoder.js';

/** Tries of one message when the receiver fails or does not answer; a 4xx is final. */
const MAX_ATTEMPTS = 3;
const RETRY_BASE_MS = 200;
/** Keeps the fault draws apart from the lifecycle draws of the same seed. */
const FAULT_STREAM = 0x5bd1e995;
const USER_AGENT = 'lanegate-sandbox-dispatch/1';

export interface LoadStart {
  plan: LoadPlan;
  format: LoadFormat;
  steps: LifecycleStep[];
  seed: number;
  scripted: boolean;
  timeScale: number;
  correlationId?: string;
}

/** A message on its way, with what the record does not show. */
interface Outgoing {
  record: DispatchMessageRecord;
  /** Absent when the load's format cannot carry the step. */
  message?: EncodedMessage;
}

type Sendable = Outgoing & { message: EncodedMessage };

interface Send {
  outgoing: Sendable;
  duplicate: boolean;
}

/**
 * Plays a load's lifecycle to the gateway like a real dispatch platform: each step in the load's format, signed with
 * the vendor's Standard Webhooks secret, to the system layer's TMS routes (accessorials as canonical events to the
 * process layer), paced by the time scale, with the duplicates, reordering and delays the faults ask for. A failed
 * send is tried again a few times; everything sent and answered is kept on the load's record.
 */
@Injectable()
export class DispatchDeliveryService implements OnModuleDestroy {
  private readonly logger = new Logger(DispatchDeliveryService.name);
  private readonly http: AxiosInstance;
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly state: SandboxDispatchState,
    private readonly tokens: TokenIssuer,
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
  ) {
    this.http = axios.create({
      timeout: config.layerCallTimeoutMs,
      validateStatus: () => true,
      responseType: 'text',
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }

  /** Encodes the lifecycle, records the load and starts delivering it in the background. */
  start(input: LoadStart): DispatchLoadRecord {
    const loadId = this.state.nextLoadId();
    const outgoing = this.encode(loadId, input);
    const load: DispatchLoadRecord = {
      loadId,
      shipmentId: input.plan.shipmentId,
      format: input.format,
      seed: input.seed,
      scripted: input.scripted,
      timeScale: input.timeScale,
      correlationId: input.correlationId ?? `dispatch-${loadId}`,
      plan: input.plan,
      steps: input.steps,
      messages: outgoing.map(({ record }) => record),
      status: 'delivering',
      startedAt: new Date().toISOString(),
    };
    this.state.saveLoad(load);

    const sends = this.schedule(
      outgoing.filter((item): item is Sendable => item.message !== undefined),
      input.seed,
    );
    const delivery = this.deliver(load, sends).finally(() => this.running.delete(delivery));
    this.running.add(delivery);

    return load;
  }

  private encode(loadId: string, input: LoadStart): Outgoing[] {
    const sentAt = new Date().toISOString();
    let carrier: LoadCarrier = input.plan.carrier;
    let routeMiles = input.plan.routeMiles;

    return input.steps.map((step, index): Outgoing => {
      if (step.kind === 'assigned' || step.kind === 'reassigned') {
        carrier = step.data.carrier as LoadCarrier;
        routeMiles = step.data.routeMiles as number;
      }
      const sequence = index + 1;
      const encoding = encodeStep(input.format, {
        loadId,
        plan: input.plan,
        step,
        sequence,
        carrier,
        routeMiles,
        controlNumber: input.format === 'x12' ? this.state.nextControlNumber() : 0,
        sentAt,
      });
      const record: DispatchMessageRecord = {
        sequence,
        kind: step.kind,
        occurredAt: step.occurredAt,
        status: 'skipped' in encoding ? 'skipped' : 'pending',
        reordered: false,
        duplicated: false,
        attempts: [],
      };
      if ('skipped' in encoding) {
        return { record: { ...record, skippedReason: encoding.skipped } };
      }
      const { message } = encoding;
      Object.assign(record, {
        channel: message.channel,
        path: message.path,
        ...(message.channel === 'tms' ? { webhookId: `msg_${loadId}_${sequence}` } : {}),
        body: message.body,
      });

      return { record, message };
    });
  }

  /**
   * The order of sends under the faults, drawn from the load's seed: a message swapped with the next one at the
   * reorder rate, and at the duplicate rate sent again after the message that follows it.
   */
  private schedule(outgoing: Sendable[], seed: number): Send[] {
    const faults = this.state.currentFaults();
    const random = new SeededRandom(seed ^ FAULT_STREAM);
    const order = [...outgoing];
    for (let index = 0; index < order.length - 1; index += 1) {
      if (random.chance(faults.reorderRate)) {
        [order[index], order[index + 1]] = [order[index + 1], order[index]];
        order[index].record.reordered = true;
        order[index + 1].record.reordered = true;
        index += 1;
      }
    }

    const sends: Send[] = [];
    let waiting: Sendable | undefined;
    for (const [position, item] of order.entries()) {
      item.record.deliveryOrder = position + 1;
      sends.push({ outgoing: item, duplicate: false });
      if (waiting) {
        sends.push({ outgoing: waiting, duplicate: true });
        waiting = undefined;
      }
      if (random.chance(faults.duplicateRate)) {
        item.record.duplicated = true;
        waiting = item;
      }
    }
    if (waiting) {
      sends.push({ outgoing: waiting, duplicate: true });
    }

    return sends;
  }

  private async deliver(load: DispatchLoadRecord, sends: Send[]): Promise<void> {
    const faults = this.state.currentFaults();
    const random = new SeededRandom((load.seed ^ FAULT_STREAM) + 1);
    const startedAt = Date.now();
    const firstOccurredAt = Math.min(...load.steps.map((step) => Date.parse(step.occurredAt)));
    try {
      for (const send of sends) {
        const dueAt =
          load.timeScale > 0
            ? startedAt + (Date.parse(send.outgoing.record.occurredAt) - firstOccurredAt) / load.timeScale
            : 0;
        const delay = Math.max(0, dueAt - Date.now()) + random.integer(faults.delayMs.min, faults.delayMs.max);
        if (delay > 0) {
          await sleep(delay, undefined, { signal: this.stopping.signal });
        }
        await this.deliverOne(load, send);
      }
    } catch (error) {
      if (!this.stopping.signal.aborted) {
        this.logger.error({ loadId: load.loadId, shipmentId: load.shipmentId, err: error }, 'load delivery broke off');
      }
    } finally {
      load.status = 'completed';
      load.completedAt = new Date().toISOString();
    }
  }

  private async deliverOne(load: DispatchLoadRecord, { outgoing, duplicate }: Send): Promise<void> {
    const { record } = outgoing;
    for (let attempt = 1; attempt <= (duplicate ? 1 : MAX_ATTEMPTS); attempt += 1) {
      if (attempt > 1) {
        await sleep(RETRY_BASE_MS * 2 ** (attempt - 2), undefined, { signal: this.stopping.signal });
      }
      const answer = await this.send(load, outgoing);
      this.state.recordAnswer(answer.status);
      record.attempts.push({
        at: new Date().toISOString(),
        ...(answer.status === undefined ? { error: answer.error } : { status: answer.status }),
        duplicate,
      });
      if (answer.status !== undefined) {
        record.answerStatus = answer.status;
        record.answer = answer.body;
      }
      const delivered = answer.status !== undefined && answer.status >= 200 && answer.status < 300;
      if (delivered || duplicate) {
        record.status = delivered || record.status === 'delivered' ? 'delivered' : record.status;

        return;
      }
      record.status = 'failed';
      const final = answer.status !== undefined && answer.status !== 429 && answer.status < 500;
      if (final) {
        this.logger.warn(
          { loadId: load.loadId, shipmentId: load.shipmentId, sequence: record.sequence, status: answer.status },
          'the gateway refused a dispatch message; it is not sent again',
        );

        return;
      }
    }
  }

  private async send(
    load: DispatchLoadRecord,
    { record, message }: Sendable,
  ): Promise<{ status?: number; body?: unknown; error?: string }> {
    const headers: Record<string, string> = {
      'content-type': message.contentType,
      'user-agent': USER_AGENT,
      'x-correlation-id': load.correlationId,
    };
    if (message.channel === 'tms') {
      const secret = this.config.tms.webhookSecrets[message.vendor ?? '']?.[0];
      if (secret === undefined) {
        return { error: `no signing secret is configured for ${message.vendor}` };
      }
      const at = new Date();
      const id = record.webhookId ?? '';
      Object.assign(headers, {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, at, message.body),
      });
    } else {
      const token = this.tokens.issue({
        subject: SANDBOX_DISPATCH_SOURCE,
        scopes: ['dispatch:write'],
        ttlSeconds: 300,
      });
      headers.authorization = `Bearer ${token}`;
    }
    const base = message.channel === 'tms' ? this.config.layerUrls.system : this.config.layerUrls.process;
    try {
      const response = await this.http.post<string>(`${base}${message.path}`, message.body, {
        headers,
        signal: this.stopping.signal,
      });

      return { status: response.status, body: parsed(response.data, String(response.headers['content-type'] ?? '')) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
}

function parsed(text: string, contentType: string): unknown {
  if (!contentType.includes('json')) {
    return text;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
