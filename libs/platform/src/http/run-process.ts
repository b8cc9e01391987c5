import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { config as loadDotenv } from 'dotenv';

import { ConfigurationError, type LanegateApp, type LanegateConfig, loadConfig } from '../config/lanegate-config.js';
import type { LayerDocumentSpec } from '../openapi/layer-document.js';
import { createLanegateApp } from './bootstrap.js';

export interface RunProcessOptions {
  app: LanegateApp;
  layers: Type<unknown>[];
  documents: LayerDocumentSpec[];
  /** Lines printed once the process listens, e.g. where the dashboard is. */
  banner?: (baseUrl: string, config: LanegateConfig) => string[];
}

/**
 * Reads `.env` and the environment, validates them, starts the process and prints where to go. A bad setting
 * stops the start with a message naming the variable.
 */
export async function runProcess(options: RunProcessOptions): Promise<NestFastifyApplication> {
  loadDotenv({ quiet: true });

  let config: LanegateConfig;
  try {
    config = loadConfig(options.app);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`lanegate ${options.app} cannot start. ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }

  const app = await createLanegateApp({ config, layers: options.layers, documents: options.documents });
  await app.listen({ port: config.port, host: config.host });

  const baseUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  const lines = [
    `Lanegate ${options.app} is listening on ${baseUrl}`,
    ...options.documents.map((document) => `  ${document.title}: ${baseUrl}/docs/${document.layer}`),
    `  health: ${baseUrl}/health/ready   metrics: ${baseUrl}/metrics`,
    ...(options.banner?.(baseUrl, config) ?? []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  return app;
}
