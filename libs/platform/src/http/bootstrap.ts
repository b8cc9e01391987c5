import type { IncomingMessage } from 'node:http';

import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';

import type { LanegateConfig } from '../config/lanegate-config.js';
import {
  type CorrelationContext,
  correlationFromHeaders,
  runWithCorrelation,
} from '../correlation/correlation-context.js';
import { instrumentHttp, collectProcessMetrics } from '../metrics/metrics.js';
import { type LayerDocumentSpec, serveLayerDocument } from '../openapi/layer-document.js';
import { PlatformModule } from '../platform.module.js';

type CorrelatedMessage = IncomingMessage & { lanegateCorrelation?: CorrelationContext };

const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Root of every Lanegate process: the platform policies plus the layers the process hosts. */
@Module({})
class LanegateRootModule {}

export interface CreateAppOptions {
  config: LanegateConfig;
  /** The layer modules this process hosts, under one set of platform policies. */
  layers: Type<unknown>[];
  /** The OpenAPI documents this process serves under `/docs/<layer>`. */
  documents: LayerDocumentSpec[];
  /** Keep Nest's own bootstrap logs quiet (tests, command-line tools). */
  quiet?: boolean;
}

/**
 * Creates a Lanegate process on Fastify: correlation ids on every request and response, request metrics, logs
 * through pino, and the layers' OpenAPI documents and Swagger UI. The caller decides whether to listen.
 */
export async function createLanegateApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const context = correlationFromHeaders(request.headers);
      (request as CorrelatedMessage).lanegateCorrelation = context;

      return context.correlationId;
    },
  });
  const root: DynamicModule = {
    module: LanegateRootModule,
    imports: [PlatformModule.forRoot(options.config), ...options.layers],
  };
  const routes: RegisteredRoute[] = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url });
    }
  });
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    bufferLogs: true,
    logger: options.quiet ? false : undefined,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context = (request.raw as CorrelatedMessage).lanegateCorrelation ?? correlationFromHeaders(request.headers);
    runWithCorrelation(context, done);
  });
  fastify.addHook('onSend', (request, reply, _payload, done) => {
    reply.header('X-Correlation-Id', request.id);
    done();
  });
  collectProcessMetrics();
  instrumentHttp(fastify);

  for (const document of options.documents) {
    serveLayerDocument(app, document);
  }

  routesByApp.set(app, routes);

  return app;
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

const routesByApp = new WeakMap<NestFastifyApplication, RegisteredRoute[]>();

/** Every route the app's HTTP server registered, including documentation routes; complete once it is initialised. */
export function registeredRoutes(app: NestFastifyApplication): RegisteredRoute[] {
  return [...(routesByApp.get(app) ?? [])];
}
