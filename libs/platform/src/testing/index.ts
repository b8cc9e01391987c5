import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

import type { Scope } from '../auth/principal.js';
import { TokenIssuer } from '../auth/token-issuer.js';
import { type LanegateApp, type LanegateConfig, loadConfig } from '../config/lanegate-config.js';
import { createLanegateApp } from '../http/bootstrap.js';
import type { LayerDocumentSpec } from '../openapi/layer-document.js';

/** Asks the OS for a port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface TestAppOptions {
  app: LanegateApp;
  layers: Type<unknown>[];
  documents?: LayerDocumentSpec[];
  /** Environment for the process; DATA_DIR defaults to a fresh temporary folder, PORT to a free port. */
  env?: Record<string, string>;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: LanegateConfig;
  baseUrl: string;
  /** `Authorization` header value for a token with these scopes. */
  bearer(scopes: Scope[], options?: { subject?: string; customerId?: string }): string;
  /** Stops the app; the data folder stays until {@link TestApp.dispose}. */
  close(): Promise<void>;
  /** Stops the app and removes its temporary data folder. */
  dispose(): Promise<void>;
}

/** Starts a Lanegate process on a real port, the way `npm start` does, with quiet logs and a private data folder. */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const ownDataDir = options.env?.DATA_DIR === undefined;
  const dataDir = options.env?.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'lanegate-test-'));
  const port = options.env?.PORT ?? String(await freePort());
  const config = loadConfig(options.app, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...options.env,
    DATA_DIR: dataDir,
    PORT: port,
  });
  const app = await createLanegateApp({
    config,
    layers: options.layers,
    documents: options.documents ?? [],
    quiet: true,
  });
  await app.listen({ port: config.port, host: '127.0.0.1' });
  const tokens = new TokenIssuer(config);
  let closed = false;
  const close = async (): Promise<void> => {
    if (!closed) {
      closed = true;
      await app.close();
    }
  };

  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${config.port}`,
    bearer: (scopes, extra = {}) =>
      `Bearer ${tokens.issue({ subject: extra.subject ?? 'test-client', scopes, customerId: extra.customerId })}`,
    close,
    dispose: async () => {
      await close();
      if (ownDataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** A PostgreSQL database of its own for one suite, so it never depends on what earlier runs left behind. */
export async function createScratchDatabase(adminUrl: string, prefix = 'lanegate_it'): Promise<ScratchDatabase> {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;

  return { name, url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export interface ScratchDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

export { waitUntil } from './wait-until.js';
export * from './operations-seed.js';
