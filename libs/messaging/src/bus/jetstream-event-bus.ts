import { setTimeout as sleep } from 'node:timers/promises';

import { Logger } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import {
  AckPolicy,
  connect,
  type ConsumerMessages,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from 'nats';

import { type LanegateEvent, parseEvent } from '../event-envelope.js';
import type { EventBus, EventSubscription } from '../event-bus.js';
import { DEFAULT_PARTITIONS, partitionOf } from '../partitioning.js';
import { eventMetrics } from '../event-metrics.js';

const lagSources = new Set<JetStreamEventBus>();

/** Consumer lag read from JetStream at scrape time. */
function registerLagGauge(bus: JetStreamEventBus): void {
  lagSources.add(bus);
  if (register.getSingleMetric('lanegate_consumer_lag')) {
    return;
  }
  new Gauge({
    name: 'lanegate_consumer_lag',
    help: 'Events published but not yet acknowledged by a consumer group.',
    labelNames: ['consumer'],
    async collect() {
      this.reset();
      for (const source of lagSources) {
        const lag = await source.lag().catch(() => new Map<string, number>());
        for (const [consumer, pending] of lag) {
          this.set({ consumer }, pending);
        }
      }
    },
  });
}

export interface JetStreamBusOptions {
  servers: string;
  stream?: string;
  /** Subjects are `<prefix>.p<partition>.<type>`; the stream takes `<prefix>.>`. */
  subjectPrefix?: string;
  partitions?: number;
  /** How long JetStream remembers message ids to drop duplicate publishes. */
  duplicateWindowMs?: number;
  /** How long a delivered message may stay unacknowledged before JetStream delivers it again. */
  ackWaitMs?: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Durable consumer names allow letters, digits, dash and underscore. */
function durableName(consumer: string, partition: number): string {
  return `${consumer.replace(/[^A-Za-z0-9_-]/g, '_')}-p${partition}`;
}

/**
 * The distributed mode's bus on NATS JetStream. Events go to `lanegate.events.p<partition>.<type>` (by default) with the
 * event id as `Nats-Msg-Id`, so a repeated publish within the duplicate window is dropped. Each consumer group
 * has one durable pull consumer per partition with at most one unacknowledged message: a shipment's events are
 * handled in order and never concurrently, partitions in parallel, and any number of replicas share the
 * partitions. The file-backed stream is a transport; the outbox and inbox in the database are the truth.
 */
export class JetStreamEventBus implements EventBus {
  private readonly logger = new Logger(JetStreamEventBus.name);
  private readonly stream: string;
  private readonly prefix: string;
  private readonly partitions: number;
  private connection?: Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }>;
  private readonly loops: Promise<void>[] = [];
  private readonly consumers = new Set<string>();
  private readonly pulls = new Set<ConsumerMessages>();
  private closed = false;

  constructor(private readonly options: JetStreamBusOptions) {
    this.stream = options.stream ?? 'LANEGATE_EVENTS';
    registerLagGauge(this);
    this.prefix = options.subjectPrefix ?? 'lanegate.events';
    this.partitions = options.partitions ?? DEFAULT_PARTITIONS;
  }

  async publish(events: LanegateEvent[]): Promise<void> {
    const { js } = await this.connect();
    // One connection keeps publish order; acknowledgements are awaited together.
    await Promise.all(
      events.map(async (event) => {
        const partition = partitionOf(event.subject ?? event.id, this.partitions);
        await js.publish(`${this.prefix}.p${partition}.${event.type}`, encoder.encode(JSON.stringify(event)), {
          msgID: event.id,
        });
      }),
    );
  }

  async subscribe(subscription: EventSubscription): Promise<void> {
    const { jsm } = await this.connect();
    this.consumers.add(subscription.consumer);
    for (let partition = 0; partition < this.partitions; partition += 1) {
      await jsm.consumers.add(this.stream, {
        durable_name: durableName(subscription.consumer, partition),
        filter_subject: `${this.prefix}.p${partition}.>`,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(this.ackWaitMs),
        max_ack_pending: 1,
        max_deliver: -1,
      });
      this.loops.push(this.pull(subscription, partition));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    lagSources.delete(this);
    // Ends the standing pulls; a message being handled finishes first.
    for (const messages of this.pulls) {
      messages.stop();
    }
    await Promise.allSettled(this.loops);
    if (this.connection) {
      const { nc } = await this.connection;
      await nc.drain().catch(() => undefined);
    }
  }

  /** Events waiting for each consumer group of this process, over all partitions. */
  async lag(): Promise<Map<string, number>> {
    const lag = new Map<string, number>();
    if (!this.connection || this.closed) {
      return lag;
    }
    const { jsm } = await this.connection;
    for (const consumer of this.consumers) {
      let pending = 0;
      for (let partition = 0; partition < this.partitions; partition += 1) {
        const info = await jsm.consumers.info(this.stream, durableName(consumer, partition));
        pending += info.num_pending + info.num_ack_pending;
      }
      lag.set(consumer, pending);
    }

    return lag;
  }

  private connect(): Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }> {
    this.connection ??= (async () => {
      const nc = await connect({
        servers: this.options.servers,
        reconnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        waitOnFirstConnect: true,
        name: 'lanegate',
      });
      const jsm = await nc.jetstreamManager();
      await this.ensureStream(jsm);

      return { nc, js: nc.jetstream(), jsm };
    })();
    this.connection.catch(() => {
      this.connection = undefined;
    });

    return this.connection;
  }

  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    try {
      await jsm.streams.info(this.stream);
    } catch {
      await jsm.streams.add({
        name: this.stream,
        subjects: [`${this.prefix}.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(this.options.duplicateWindowMs ?? 120_000),
      });
    }
  }

  /**
   * One partition of one consumer group: a continuous pull of one message at a time, each handled before the next
   * is asked for. A standing pull (rather than one request per message) never loses a message that arrives as a
   * request expires, which would hold the partition until the ack wait ran out.
   */
  private async pull(subscription: EventSubscription, partition: number): Promise<void> {
    const durable = durableName(subscription.consumer, partition);
    while (!this.closed) {
      try {
        const { js } = await this.connect();
        const consumer = await js.consumers.get(this.stream, durable);
        const messages = await consumer.consume({ max_messages: 1 });
        this.pulls.add(messages);
        try {
          for await (const message of messages) {
            await this.handle(subscription, message);
            if (this.closed) {
              break;
            }
          }
        } finally {
          this.pulls.delete(messages);
          messages.stop();
        }
      } catch (error) {
        if (!this.closed) {
          this.logger.warn({ err: error, consumer: durable }, 'event consumer lost its connection; retrying');
          await sleep(1_000);
        }
      }
      if (!this.closed) {
        await sleep(100);
      }
    }
  }

  private async handle(subscription: EventSubscription, message: JsMsg): Promise<void> {
    const event = parseEvent(decoder.decode(message.data));
    if (!subscription.accepts(event.type)) {
      message.ack();

      return;
    }

    const attempt = message.info.deliveryCount;
    if (attempt > 1) {
      eventMetrics().redeliveries.inc({ consumer: subscription.consumer });
    }
    // A handler may take longer than the ack wait (billing waiting for the ERP): telling JetStream it is still in
    // progress keeps the message from being delivered a second time while the first handling runs.
    const inProgress = setInterval(() => message.working(), Math.max(500, this.ackWaitMs / 3));
    try {
      // The stream's own time of storing the message: when it was published, on every replica's clock alike.
      await subscription.handle(event, attempt, {
        publishedAt: new Date(Math.floor(message.info.timestampNanos / 1_000_000)),
      });
      message.ack();
    } catch (error) {
      if (attempt >= subscription.retry.maxAttempts) {
        await subscription.exhausted(event, error, attempt);
        // No reason text: servers before 2.10 ignore a TERM that carries one and deliver the message again once
        // the ack wait runs out, holding the partition behind it meanwhile.
        message.term();

        return;
      }
      message.nak(subscription.retry.backoffMs(attempt));
    } finally {
      clearInterval(inProgress);
    }
  }

  private get ackWaitMs(): number {
    return this.options.ackWaitMs ?? 30_000;
  }
}
