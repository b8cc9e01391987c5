import { setTimeout as sleep } from 'node:timers/promises';

import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connect, Events, type NatsConnection } from 'nats';

import { LANEGATE_CONFIG, type LanegateConfig } from '../config/lanegate-config.js';
import { ReadinessProbes } from './readiness-probes.js';

const CONNECT_TIMEOUT_MS = 2000;
const FIRST_CONNECT_RETRY_MS = 2000;

/**
 * Keeps one NATS connection and registers the `nats` readiness probe: down while the connection is lost or closed,
 * or when a round trip to the server (`flush`) fails. NATS being down at start does not stop the process: the
 * first connection is retried until it succeeds, after which the client reconnects on its own.
 */
@Injectable()
export class NatsReadinessService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NatsReadinessService.name);
  private readonly stopping = new AbortController();
  private connection?: NatsConnection;
  private firstConnectLoop?: Promise<void>;
  private disconnected = false;
  private lastError = 'not connected yet';

  constructor(
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
    private readonly probes: ReadinessProbes,
  ) {}

  async onModuleInit(): Promise<void> {
    this.probes.register('nats', () => this.probe());
    if (!(await this.tryConnect())) {
      this.logger.warn({ reason: this.lastError }, 'NATS is unreachable at start; retrying in the background');
      this.firstConnectLoop = this.retryFirstConnect();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.firstConnectLoop;
    await this.connection?.close();
  }

  private async probe(): Promise<void> {
    const connection = this.connection;
    if (!connection) {
      throw new Error(`NATS unreachable: ${this.lastError}`);
    }
    if (connection.isClosed()) {
      throw new Error('NATS connection closed');
    }
    if (this.disconnected) {
      throw new Error('NATS connection lost; reconnecting');
    }

    await connection.flush();
  }

  private async retryFirstConnect(): Promise<void> {
    try {
      do {
        await sleep(FIRST_CONNECT_RETRY_MS, undefined, { signal: this.stopping.signal });
      } while (!(await this.tryConnect()));
      this.logger.log('NATS is reachable');
    } catch (error) {
      // Aborted by shutdown, or something unforeseen: either way the probe keeps reporting NATS down.
      if (!this.stopping.signal.aborted) {
        this.logger.error({ err: error }, 'Stopped retrying the first NATS connection');
      }
    }
  }

  /** One attempt at the first connection; true once connected, or when the process is stopping. */
  private async tryConnect(): Promise<boolean> {
    let connection: NatsConnection;
    try {
      connection = await connect({
        servers: this.config.natsUrl,
        name: `lanegate-${this.config.app}`,
        reconnect: true,
        maxReconnectAttempts: -1,
        timeout: CONNECT_TIMEOUT_MS,
      });
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);

      return this.stopping.signal.aborted;
    }

    if (this.stopping.signal.aborted) {
      await connection.close();

      return true;
    }
    this.connection = connection;
    this.watch(connection).catch((error: unknown) => this.logger.error({ err: error }, 'NATS status watch failed'));
    void connection.closed().then((error) => {
      if (error && !this.stopping.signal.aborted) {
        this.logger.error({ err: error }, 'NATS connection closed for good; readiness stays down until a restart');
      }
    });

    return true;
  }

  private async watch(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect) {
        this.disconnected = true;
        this.logger.warn({ server: status.data }, 'NATS connection lost; reconnecting');
      } else if (status.type === Events.Reconnect) {
        this.disconnected = false;
        this.logger.log({ server: status.data }, 'NATS connection restored');
      }
    }
  }
}
