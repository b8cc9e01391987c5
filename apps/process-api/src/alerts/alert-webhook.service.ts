import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import axios, { isAxiosError } from 'axios';
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';

import { runInTransaction } from '@lanegate/persistence';
import {
  LANEGATE_CONFIG,
  type LanegateConfig,
  type OutboundCallPolicies,
  type OutboundCallPolicy,
  outboundCallPolicies,
} from '@lanegate/platform';

import { AlertNotificationEntity } from './alert.entity.js';

/** Notifications sent in one turn at most; the rest wait for the next evaluation. */
const BATCH = 100;

/**
 * A receiver that is down is tried again at the next evaluation, so one turn retries only briefly; the breaker stops
 * a turn from hammering a receiver that keeps failing.
 */
export function alertWebhookPolicy(timeoutMs: number): OutboundCallPolicy {
  return {
    timeoutMs,
    retries: 2,
    backoff: { initialMs: 200, maxMs: 2_000 },
    maxRetryAfterMs: 5_000,
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 5_000, maxHalfOpenAfterMs: 300_000 },
    fallbackRetryAfterMs: 60_000,
  };
}

/** Why one attempt to deliver a notification did not end with a 2xx. */
class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

type Attempt = { delivered: true } | { delivered: false; error: string; receiverDown: boolean };

const MINUTE_MS = 60_000;

/**
 * How long a notification the receiver refused (an answer retrying cannot change, such as 400, 404 or 410) waits
 * before its next attempt: a minute after the first refusal, doubling to at most an hour. It stays pending, so
 * nothing is lost while someone fixes the receiver, and a misconfigured receiver is not called every evaluation.
 */
export function refusalPauseMs(refusals: number): number {
  return Math.min(MINUTE_MS * 2 ** Math.max(0, refusals - 1), 60 * MINUTE_MS);
}

/**
 * Sends the pending alert notifications to `ALERT_WEBHOOK_URL`, signed with the Standard Webhooks scheme, through
 * the shared outbound policies (timeout, retries with jittered backoff, circuit breaker). A notification is marked
 * delivered once the receiver answers 2xx and is never sent again; until then it stays pending and later turns try
 * it again with the same `webhook-id` and body: the next turn after the receiver was down, after a growing pause
 * (`refusalPauseMs`) after it refused. A sender claims a notification for a while before sending, so
 * two replicas never send it at once.
 */
@Injectable()
export class AlertWebhook {
  private readonly logger = new Logger(AlertWebhook.name);
  private readonly target?: {
    url: string;
    timeoutMs: number;
    signer: Webhook;
    policies: OutboundCallPolicies;
  };

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(LANEGATE_CONFIG) config: LanegateConfig,
  ) {
    const webhook = config.alerts.webhook;
    if (webhook === undefined) {
      return;
    }
    this.target = {
      url: webhook.url,
      timeoutMs: webhook.timeoutMs,
      signer: new Webhook(webhook.secret),
      policies: outboundCallPolicies(alertWebhookPolicy(webhook.timeoutMs), {
        isTransient: (error) =>
          error instanceof WebhookDeliveryError ? error.transient : error instanceof TaskCancelledError,
        signalsFailure: () => true,
        retryAfterMs: (error) => (error instanceof WebhookDeliveryError ? error.retryAfterMs : undefined),
      }),
    };
  }

  /** Whether notifications are recorded at all: only with a webhook URL. */
  get configured(): boolean {
    return this.target !== undefined;
  }

  /** Sends what is pending, oldest first; answers how many were delivered now and how many still wait. */
  async deliverPending(now = new Date()): Promise<{ delivered: number; pending: number }> {
    if (this.target === undefined) {
      return { delivered: 0, pending: 0 };
    }
    const due = await this.dataSource
      .getRepository(AlertNotificationEntity)
      .createQueryBuilder('notification')
      .where('notification.status = :status', { status: 'pending' })
      .andWhere('(notification.claimed_until IS NULL OR notification.claimed_until < :now)', { now })
      // An alert's resolution never overtakes its opening, here or on another replica.
      .andWhere((query) => {
        const openingPending = query
          .subQuery()
          .select('1')
          .from(AlertNotificationEntity, 'opening')
          .where('opening.alert_id = notification.alert_id')
          .andWhere('opening.type = :opened AND opening.status = :status')
          .getQuery();

        return `(notification.type <> :resolved OR NOT EXISTS ${openingPending})`;
      })
      .setParameters({ opened: 'lanegate.alert.opened.v1', resolved: 'lanegate.alert.resolved.v1' })
      .orderBy('notification.created_at', 'ASC')
      .addOrderBy('notification.id', 'ASC')
      .take(BATCH)
      .getMany();

    let delivered = 0;
    for (const notification of due) {
      if (!(await this.claim(notification, now))) {
        continue;
      }
      const attempt = await this.send(notification);
      await this.record(notification, attempt);
      if (attempt.delivered) {
        delivered += 1;
      } else if (attempt.receiverDown) {
        break;
      }
    }

    const pending = await this.dataSource.getRepository(AlertNotificationEntity).countBy({ status: 'pending' });

    return { delivered, pending };
  }

  private async claim(notification: AlertNotificationEntity, now: Date): Promise<boolean> {
    const lease = new Date(now.getTime() + 4 * (this.target?.timeoutMs ?? 0) + 10_000);
    const claimed = await runInTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(AlertNotificationEntity)
        .set({ claimedUntil: lease })
        .where('id = :id AND status = :status', { id: notification.id, status: 'pending' })
        .andWhere('(claimed_until IS NULL OR claimed_until < :now)', { now })
        .execute(),
    );

    return claimed.affected === 1;
  }

  private async send(notification: AlertNotificationEntity): Promise<Attempt> {
    const target = this.target;
    if (target === undefined) {
      return { delivered: false, error: 'no webhook configured', receiverDown: false };
    }
    const { retry, breaker, timeout } = target.policies;
    try {
      await retry.execute(() =>
        breaker.execute(() => timeout.execute(({ signal }) => this.post(notification, target, signal))),
      );

      return { delivered: true };
    } catch (error) {
      const receiverDown =
        error instanceof BrokenCircuitError ||
        error instanceof TaskCancelledError ||
        (error instanceof WebhookDeliveryError && error.transient);
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { notificationId: notification.id, alertId: notification.alertId, error: message },
        `alert notification ${notification.type} not delivered (${message}); it stays pending and is sent again ` +
          'at the next evaluation',
      );

      return { delivered: false, error: message, receiverDown };
    }
  }

  private async post(
    notification: AlertNotificationEntity,
    target: NonNullable<AlertWebhook['target']>,
    signal: AbortSignal,
  ): Promise<void> {
    const at = new Date();
    try {
      await axios.post(target.url, notification.payload, {
        headers: {
          'content-type': 'application/json',
          'webhook-id': notification.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': target.signer.sign(notification.id, at, notification.payload),
        },
        // The body is signed as stored: no transformation may touch it.
        transformRequest: [(data: unknown) => data],
        timeout: target.timeoutMs,
        maxRedirects: 0,
        signal,
        validateStatus: (status) => status >= 200 && status < 300,
      });
    } catch (error) {
      throw deliveryError(error);
    }
  }

  private async record(notification: AlertNotificationEntity, attempt: Attempt): Promise<void> {
    const now = new Date();
    await runInTransaction(this.dataSource, (manager) =>
      manager.update(
        AlertNotificationEntity,
        { id: notification.id, status: 'pending' },
        attempt.delivered
          ? {
              status: 'delivered',
              attempts: notification.attempts + 1,
              lastError: null,
              claimedUntil: null,
              lastAttemptAt: now,
              deliveredAt: now,
            }
          : {
              attempts: notification.attempts + 1,
              lastError: attempt.error.slice(0, 500),
              // A receiver that is down is tried at the next evaluation; one that refused, after a pause.
              claimedUntil: attempt.receiverDown
                ? null
                : new Date(now.getTime() + refusalPauseMs(notification.attempts + 1)),
              lastAttemptAt: now,
            },
      ),
    );
  }
}

/** A 429, a 5xx, a timeout or a broken connection may pass later; another answer will not pass by retrying now. */
function deliveryError(error: unknown): unknown {
  if (!isAxiosError(error)) {
    return error;
  }
  const status = error.response?.status;
  if (status === undefined) {
    return new WebhookDeliveryError(`the receiver did not answer: ${error.code ?? error.message}`, true);
  }
  const seconds = Number(error.response?.headers['retry-after']);

  return new WebhookDeliveryError(
    `the receiver answered ${status}`,
    status === 429 || status >= 500,
    Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
  );
}
