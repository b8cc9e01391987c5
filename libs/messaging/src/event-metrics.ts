import { Counter, Histogram, register } from 'prom-client';

function counter<T extends string>(name: string, help: string, labelNames: T[]): Counter<T> {
  return (register.getSingleMetric(name) as Counter<T> | undefined) ?? new Counter({ name, help, labelNames });
}

/** Event metrics of this process, created once however many layers it hosts. */
export function eventMetrics(): {
  published: Counter<'type'>;
  handled: Counter<'consumer' | 'outcome'>;
  redeliveries: Counter<'consumer'>;
  handlerSeconds: Histogram<'consumer'>;
} {
  return {
    published: counter('lanegate_events_published_total', 'Events published to the bus, by type.', ['type']),
    handled: counter('lanegate_events_handled_total', 'Events handled by consumers, by outcome.', [
      'consumer',
      'outcome',
    ]),
    redeliveries: counter('lanegate_event_redeliveries_total', 'Events delivered again to a consumer.', ['consumer']),
    handlerSeconds:
      (register.getSingleMetric('lanegate_event_handler_duration_seconds') as Histogram<'consumer'> | undefined) ??
      new Histogram({
        name: 'lanegate_event_handler_duration_seconds',
        help: 'Time a consumer took to take effect of one event.',
        labelNames: ['consumer'],
        buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      }),
  };
}
