#!/usr/bin/env node
// Measures the embedded gateway with autocannon against a baseline measured in the same run:
//   baseline  GET /health/live                     (no auth, no database: the cost of Fastify + platform hooks)
//   read      GET /process/v1/shipments/{id}        (JWT, validation, SQLite read)
//   create    POST /process/v1/shipments            (JWT, validation, idempotency key, SQLite write)
//   layered   GET /experience/v1/ops/overview       (experience -> process over HTTP, SQLite aggregate)
// Usage: npm run build && node bench/gateway.bench.mjs [--duration 10] [--connections 20]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'lanegate-bench-'));
const env = {
  ...process.env,
  PORT: String(port),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  THROTTLE_LIMIT: '100000000',
  DEMO_LOADS_PER_MINUTE: '0',
};

const gateway = spawn(process.execPath, ['dist/apps/gateway/src/main.js'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  gateway.stdout.on('data', (chunk) => chunk.toString().includes('listening') && resolve());
  gateway.on('exit', (code) => reject(new Error(`gateway exited with ${code}`)));
});

const tokenOut = await new Promise((resolve) => {
  const child = spawn(process.execPath, ['dist/apps/gateway/src/token.js', '--scope', 'ops', '--ttl', '7200'], { env });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.on('exit', () => resolve(out));
});
const authorization = `Bearer ${tokenOut.trim().split('\n').at(-1)}`;
const shipment = {
  customerId: 'C-1001',
  routeMiles: 410,
  stops: [
    {
      kind: 'pickup',
      name: 'DC',
      city: 'Chicago',
      region: 'IL',
      postalCode: '60607',
      country: 'US',
      appointmentAt: '2026-12-07T14:00:00Z',
    },
    {
      kind: 'delivery',
      name: 'WH',
      city: 'Columbus',
      region: 'OH',
      postalCode: '43215',
      country: 'US',
      appointmentAt: '2026-12-08T09:00:00Z',
    },
  ],
};
const created = await fetch(`${base}/process/v1/shipments`, {
  method: 'POST',
  headers: { authorization, 'content-type': 'application/json' },
  body: JSON.stringify(shipment),
}).then((response) => response.json());

function measure(title, { path = '', ...options }) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${base}${path}`, duration, connections, ...options }, (error, result) => {
      if (error) {
        reject(error);
        return;
      }
      resolve({
        title,
        requestsPerSecond: Math.round(result.requests.average),
        latencyP50Ms: result.latency.p50,
        latencyP99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    });
  });
}

let counter = 0;
const results = [];
try {
  results.push(await measure('baseline GET /health/live', { path: '/health/live' }));
  results.push(
    await measure('read GET /process/v1/shipments/{id}', {
      path: `/process/v1/shipments/${created.id}`,
      headers: { authorization },
    }),
  );
  results.push(
    await measure('create POST /process/v1/shipments', {
      requests: [
        {
          method: 'POST',
          path: '/process/v1/shipments',
          setupRequest: (request) => ({
            ...request,
            headers: {
              authorization,
              'content-type': 'application/json',
              'idempotency-key': `bench-${process.pid}-${(counter += 1)}`,
            },
            body: JSON.stringify(shipment),
          }),
        },
      ],
    }),
  );
  results.push(
    await measure('layered GET /experience/v1/ops/overview', {
      path: '/experience/v1/ops/overview',
      headers: { authorization },
    }),
  );
} finally {
  gateway.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

const baseline = results[0].requestsPerSecond;
const lines = [
  `# Gateway benchmark, ${new Date().toISOString()}`,
  '',
  `Node ${process.version}, ${connections} connections, ${duration} s per scenario, load generator on the same machine.`,
  '',
  '| scenario | req/s | share of baseline | p50 ms | p99 ms | non-2xx | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.title} | ${r.requestsPerSecond} | ${((r.requestsPerSecond / baseline) * 100).toFixed(0)}% | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.non2xx} | ${r.errors} |`,
  ),
  '',
];
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/gateway.md', lines.join('\n'));
writeFileSync('bench/results/gateway.json', `${JSON.stringify(results, null, 2)}\n`);
console.log(lines.join('\n'));
