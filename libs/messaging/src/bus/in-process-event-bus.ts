import { setTimeout as sleep } from 'node:timers/promises';

import type { LanegateEvent } from '../event-envelope.js';
import type { EventBus, EventDelivery, EventSubscription } from '../event-bus.js';

/**
 * The embedded mode's bus. `publish` resolves once every subscriber has taken effect of the events (or given up
 * on them), so the outbox marks them published only then and a crash means a repeat, never a loss. One subject's
 * events are handled one after another; different subjects concurrently.
 */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions: EventSubscription[] = [];
  private readonly tails = new Map<string, Promise<void>>();

  subscribe(subscription: EventSubscription): Promise<void> {
    this.subscriptions.push(subscription);

    return Promise.resolve();
  }

  async publish(events: LanegateEvent[]): Promise<void> {
    const delivery = { publishedAt: new Date() };
    await Promise.all(events.map((event) => this.enqueue(event, delivery)));
  }

  close(): Promise<void> {
    return Promise.all(this.tails.values()).then(() => undefined);
  }

  private enqueue(event: LanegateEvent, delivery: EventDelivery): Promise<void> {
    const key = event.subject ?? event.id;
    const next = (this.tails.get(key) ?? Promise.resolve()).then(() => this.deliver(event, delivery));
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) {
        this.tails.delete(key);
      }
    });

    return next;
  }

  private async deliver(event: LanegateEvent, delivery: EventDelivery): Promise<void> {
    for (const subscription of this.subscriptions) {
      if (subscription.accepts(event.type)) {
        await this.attempt(subscription, event, delivery);
      }
    }
  }

  private async attempt(subscription: EventSubscription, event: LanegateEvent, delivery: EventDelivery): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await subscription.handle(event, attempt, delivery);

        return;
      } catch (error) {
        if (attempt >= subscription.retry.maxAttempts) {
          await subscription.exhausted(event, error, attempt);

          return;
        }
        await sleep(subscription.retry.backoffMs(attempt));
      }
    }
  }
}
