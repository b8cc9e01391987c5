import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

let defaultsCollected = false;

/** Node's default metrics, registered once per process however many apps it hosts. */
export function collectProcessMetrics(): void {
  if (!defaultsCollected) {
    collectDefaultMetrics({ register });
    defaultsCollected = true;
  }
}

function requestDuration(): Histogram<'method' | 'route' | 'status_code'> {
  const existing = register.getSingleMetric('http_request_duration_seconds');
  if (existing) {
    return existing as Histogram<'method' | 'route' | 'status_code'>;
  }

  return new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
}

/** Times every request by its route template (not its raw URL, which would explode the label set). */
export function instrumentHttp(fastify: FastifyInstance): void {
  const histogram = requestDuration();
  fastify.addHook('onResponse', (request, reply, done) => {
    histogram.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
