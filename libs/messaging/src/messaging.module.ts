import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { LANEGATE_CONFIG, type LanegateConfig, type Layer } from '@lanegate/platform';

import { InProcessEventBus } from './bus/in-process-event-bus.js';
import { JetStreamEventBus } from './bus/jetstream-event-bus.js';
import { type ConsumerDefinition, consumerSubscription } from './consumer/consumer-runner.js';
import type { LanegateEvent } from './event-envelope.js';
import { EVENT_BUS, type EventBus } from './event-bus.js';
import { appendToOutbox } from './outbox/outbox.js';
import { OutboxRelay } from './outbox/outbox-relay.js';

/** Closes the process's bus last, after every relay and consumer stopped. */
@Injectable()
class EventBusShutdown implements OnApplicationShutdown {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

/** One bus per process: in-process in embedded mode, NATS JetStream when `NATS_URL` is set. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_BUS,
      inject: [LANEGATE_CONFIG],
      useFactory: (config: LanegateConfig): EventBus =>
        config.natsUrl
          ? new JetStreamEventBus({
              servers: config.natsUrl,
              stream: config.events.stream,
              subjectPrefix: config.events.subjectPrefix,
            })
          : new InProcessEventBus(),
    },
    EventBusShutdown,
  ],
  exports: [EVENT_BUS],
})
export class EventBusModule {}

/**
 * A layer's events: append them to its outbox inside its transactions, and consume events with its inbox and
 * dead-letter store, all in the layer's own database.
 */
export class LayerMessaging implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;
  private readonly consumers: ConsumerDefinition[] = [];
  private started = false;

  constructor(
    readonly layer: Layer,
    readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {
    this.relay = new OutboxRelay({ name: layer, dataSource, bus });
  }

  /** Appends events to the outbox within the caller's transaction. Call {@link published} after it commits. */
  async append(manager: EntityManager, events: LanegateEvent[]): Promise<void> {
    await appendToOutbox(manager, events);
  }

  /** Wakes the relay once the transaction that appended events has committed. */
  published(): void {
    this.relay.notify();
  }

  /** The consumer registered under this name in this layer, if any. */
  consumerNamed(name: string): ConsumerDefinition | undefined {
    return this.consumers.find((consumer) => consumer.name === name);
  }

  /** Registers a consumer; consumption starts when the application has started. */
  consume(definition: ConsumerDefinition): void {
    this.consumers.push(definition);
    if (this.started) {
      void this.bus.subscribe(consumerSubscription(this.dataSource, definition));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    for (const definition of this.consumers) {
      await this.bus.subscribe(consumerSubscription(this.dataSource, definition));
    }
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/** Injection token of a layer's {@link LayerMessaging}. */
export function layerMessagingToken(layer: Layer): string {
  return `LANEGATE_MESSAGING_${layer.toUpperCase()}`;
}

const layerModules = new Map<Layer, DynamicModule>();

@Module({})
export class MessagingModule {
  /**
   * The messaging of one layer. Every module of the layer imports the same definition, so the layer has one relay
   * and one consumer registry however many of its modules import it.
   */
  static forLayer(layer: Layer): DynamicModule {
    const existing = layerModules.get(layer);
    if (existing) {
      return existing;
    }
    const token = layerMessagingToken(layer);
    const definition: DynamicModule = {
      module: MessagingModule,
      imports: [EventBusModule],
      providers: [
        {
          provide: token,
          inject: [getDataSourceToken(layer), EVENT_BUS],
          useFactory: (dataSource: DataSource, bus: EventBus) => new LayerMessaging(layer, dataSource, bus),
        },
      ],
      exports: [token],
    };
    layerModules.set(layer, definition);

    return definition;
  }
}
