import type { LanegateEvent } from './event-envelope.js';
import type { EventBus, EventHandler } from './event-bus.js';

interface Subscription {
  consumer: string;
  typePrefix: string;
  handler: EventHandler;
}

/**
 * The embedded mode's bus: events are handed to subscribers in the publishing process, one shipment's events
 * one after another (chained per subject), different shipments concurrently.
 */
export class InProcessEventBus implements EventBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly tails = new Map<string, Promise<void>>();

  subscribe(consumer: string, typePrefix: string, handler: EventHandler): void {
    this.subscriptions.push({ consumer, typePrefix, handler });
  }

  async publish(events: LanegateEvent[]): Promise<void> {
    await Promise.all(events.map((event) => this.deliver(event)));
  }

  private deliver(event: LanegateEvent): Promise<void> {
    const key = event.subject ?? event.id;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (const subscription of this.subscriptions) {
        if (event.type.startsWith(subscription.typePrefix)) {
          await subscription.handler(event);
        }
      }
    });
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    });

    return next;
  }
}
