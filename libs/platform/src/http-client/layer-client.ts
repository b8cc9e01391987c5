import axios, { type AxiosInstance, isAxiosError } from 'axios';

import type { TokenIssuer } from '../auth/token-issuer.js';
import { outboundCorrelationHeaders } from '../correlation/correlation-context.js';
import { ApplicationError } from '../errors/application.error.js';
import type { ProblemDetails } from '../errors/problem-details.js';

const TOKEN_LIFETIME_SECONDS = 300;

export interface LayerClientOptions {
  /** Base URL of the layer being called, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Subject of the internal token, naming the calling layer. */
  caller: string;
  tokens: TokenIssuer;
  timeoutMs: number;
}

const DEFAULT_RETRY_AFTER_SECONDS = 5;

export class UpstreamUnavailableError extends ApplicationError {
  /** When the caller may try again, as the unavailable layer said (its `Retry-After`), or a default. */
  readonly retryAfterSeconds: number;

  constructor(target: string, cause: unknown, retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS) {
    super({
      code: 'UPSTREAM_UNAVAILABLE',
      status: 503,
      title: 'Upstream unavailable',
      detail: `${target} did not answer; try again shortly.`,
      headers: { 'Retry-After': String(retryAfterSeconds) },
      cause,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The `Retry-After` seconds of an answer, when it gives a usable one. */
function retryAfterOf(header: unknown): number | undefined {
  const seconds = typeof header === 'string' ? Number(header) : NaN;

  return Number.isInteger(seconds) && seconds > 0 && seconds <= 3_600 ? seconds : undefined;
}

/**
 * An axios client for calling another Lanegate layer over its published HTTP contract: it signs a short-lived
 * `internal` token, passes the correlation id on, and turns the other layer's problem answers back into errors.
 */
export function createLayerClient(options: LayerClientOptions): AxiosInstance {
  let token: { value: string; renewAt: number } | undefined;
  const client = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs });

  client.interceptors.request.use((request) => {
    if (!token || token.renewAt < Date.now()) {
      const value = options.tokens.issue({
        subject: options.caller,
        scopes: ['internal'],
        ttlSeconds: TOKEN_LIFETIME_SECONDS,
      });
      token = { value, renewAt: Date.now() + (TOKEN_LIFETIME_SECONDS - 60) * 1000 };
    }
    request.headers.set('Authorization', `Bearer ${token.value}`);
    for (const [name, value] of Object.entries(outboundCorrelationHeaders())) {
      request.headers.set(name, value);
    }

    return request;
  });

  client.interceptors.response.use(undefined, (error: unknown) => {
    if (!isAxiosError(error) || !error.response || error.response.status >= 500) {
      const retryAfter = isAxiosError(error) ? retryAfterOf(error.response?.headers['retry-after']) : undefined;
      throw new UpstreamUnavailableError(options.baseUrl, error, retryAfter);
    }
    const problem = error.response.data as Partial<ProblemDetails>;
    throw new ApplicationError({
      code: problem.code ?? 'UPSTREAM_REJECTED',
      status: error.response.status,
      title: problem.title ?? 'Upstream rejected the request',
      detail: problem.detail ?? `The call was rejected with status ${error.response.status}.`,
      errors: problem.errors,
      cause: error,
    });
  });

  return client;
}
