import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';

/** The media types an X12 interchange may arrive as; `text/plain` is Fastify's own string parser already. */
export const X12_MEDIA_TYPES = ['application/edi-x12', 'text/plain'] as const;

/**
 * Body parsing the TMS endpoints need, registered on the process's Fastify instance as the module starts:
 * - JSON keeps its raw bytes on the request (`rawBody`), because a webhook signature covers the bytes, not the
 *   parsed value. Parsing itself is Nest's default JSON parser, so every route parses and rejects JSON as before.
 * - `application/edi-x12` is read as a string, like `text/plain`.
 */
@Injectable()
export class TmsBodyParsers implements OnModuleInit {
  private readonly logger = new Logger(TmsBodyParsers.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as FastifyAdapter | undefined;
    if (adapter === undefined) {
      this.logger.warn('no HTTP server: TMS webhooks cannot verify signatures in this process');

      return;
    }

    const fastify = adapter.getInstance();
    if (!fastify.hasContentTypeParser(X12_MEDIA_TYPES[0])) {
      fastify.addContentTypeParser(X12_MEDIA_TYPES[0], { parseAs: 'string' }, (_request, body, done) => {
        done(null, body);
      });
    }
    // The same parser Nest registers for JSON, with `rawBody` on; it replaces the one Nest registered at init.
    fastify.removeContentTypeParser('application/json');
    adapter.useBodyParser('application/json', true, { bodyLimit: fastify.initialConfig.bodyLimit });
  }
}
