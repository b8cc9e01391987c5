import type { Params } from 'nestjs-pino';

import type { LanegateConfig } from '../config/lanegate-config.js';
import { currentCorrelation } from '../correlation/correlation-context.js';

const QUIET_ROUTES = /^\/(health|metrics)(\/|$)/;

/**
 * Structured JSON logs through pino; pretty single lines in development. Tokens, secrets and signatures are
 * redacted, and bodies are never logged.
 */
export function loggerOptions(config: LanegateConfig): Params {
  return {
    pinoHttp: {
      level: config.log.level,
      base: { service: `lanegate-${config.app}` },
      transport: config.log.pretty
        ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'UTC:yyyy-mm-dd HH:MM:ss.l' } }
        : undefined,
      timestamp: config.log.pretty ? undefined : () => `,"time":"${new Date().toISOString()}"`,
      mixin: () => {
        const correlationId = currentCorrelation()?.correlationId;

        return correlationId ? { correlationId } : {};
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["webhook-signature"]',
          'res.headers["set-cookie"]',
          '*.password',
          '*.secret',
          '*.client_secret',
          '*.access_token',
          '*.token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        // Headers and query strings are left out: they carry tokens and personal data.
        req: (request: { id?: string; method?: string; url?: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url?.split('?')[0],
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
      autoLogging: { ignore: (request) => QUIET_ROUTES.test(request.url ?? '') },
    },
  };
}
