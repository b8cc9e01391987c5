import { Inject, Injectable } from '@nestjs/common';
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';

import { LANEGATE_CONFIG, type LanegateConfig, outboundCorrelationHeaders } from '@lanegate/platform';

import {
  ErpAuthenticationError,
  type ErpProblem,
  ErpRejectedError,
  ErpTokenRejectedError,
  ErpTransientError,
} from './erp.exception.js';

const TOKEN_RENEWAL_MARGIN_MS = 60_000;
const DEFAULT_RETRY_AFTER_MS = 1_000;

export interface ErpRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ErpResponse<T> {
  status: number;
  data: T;
}

interface AccessToken {
  value: string;
  renewAt: number;
}

/** Reads `Retry-After` (delay in seconds or an HTTP date) as milliseconds from now. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim()) * 1000;
  }
  const at = Date.parse(header);

  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * One HTTP exchange with the cloud ERP's REST API, under an OAuth2 client-credentials token that is cached and
 * renewed before it expires. It sorts every failure into what the call gate needs to decide: a deliberate rejection
 * ({@link ErpRejectedError}), a failure worth another attempt ({@link ErpTransientError}), or a rejected token
 * ({@link ErpTokenRejectedError}, after which the next call fetches a new one). It neither queues nor retries:
 * that is the gate's job, so that every call, repeats included, counts against the quota.
 */
@Injectable()
export class ErpClient {
  private readonly http: AxiosInstance;
  private token?: AccessToken;
  private pendingToken?: Promise<AccessToken>;

  constructor(@Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig) {
    this.http = axios.create({
      baseURL: config.erp.baseUrl,
      timeout: config.erp.timeoutMs,
      validateStatus: () => true,
    });
  }

  async send<T>(request: ErpRequest, signal: AbortSignal): Promise<ErpResponse<T>> {
    const token = await this.accessToken();
    let response: AxiosResponse<unknown>;
    try {
      response = await this.http.request({
        method: request.method,
        url: request.path,
        params: request.query,
        data: request.body,
        signal,
        headers: { ...request.headers, ...outboundCorrelationHeaders(), Authorization: `Bearer ${token.value}` },
      });
    } catch (error) {
      throw noAnswer(request, error, signal.aborted);
    }

    if (response.status >= 200 && response.status < 300) {
      return { status: response.status, data: response.data as T };
    }
    if (response.status === 401) {
      // Drop the token only if no other call has renewed it meanwhile.
      if (this.token === token) {
        this.token = undefined;
      }
      throw new ErpTokenRejectedError(problemOf(response));
    }
    throw failureOf(request, response);
  }

  private async accessToken(): Promise<AccessToken> {
    if (this.token && this.token.renewAt > Date.now()) {
      return this.token;
    }
    // One renewal at a time: calls arriving meanwhile wait for it instead of asking for tokens of their own.
    // It is bounded by the client's own timeout, not by the first caller's signal, since others share it.
    this.pendingToken ??= this.requestToken().finally(() => {
      this.pendingToken = undefined;
    });

    return this.pendingToken;
  }

  private async requestToken(): Promise<AccessToken> {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.erp.clientId,
      client_secret: this.config.erp.clientSecret,
    });
    let response: AxiosResponse<{ access_token?: string; expires_in?: number }>;
    try {
      response = await this.http.post('/oauth/token', form);
    } catch (error) {
      throw noAnswer({ method: 'POST', path: '/oauth/token' }, error, false);
    }
    if (response.status === 400 || response.status === 401) {
      throw new ErpAuthenticationError(problemOf(response));
    }
    if (response.status !== 200 || !response.data.access_token) {
      throw failureOf({ method: 'POST', path: '/oauth/token' }, response);
    }
    const lifetimeMs = (response.data.expires_in ?? 300) * 1000;
    this.token = {
      value: response.data.access_token,
      renewAt: Date.now() + Math.max(lifetimeMs - TOKEN_RENEWAL_MARGIN_MS, lifetimeMs / 2),
    };

    return this.token;
  }
}

/** No answer at all: the call was aborted by its timeout, or the connection failed. */
function noAnswer(request: ErpRequest, error: unknown, aborted: boolean): ErpTransientError {
  const timedOut = aborted || (isAxiosError(error) && (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT'));
  const what = `${request.method} ${request.path}`;

  return new ErpTransientError({
    kind: timedOut ? 'timeout' : 'network',
    detail: timedOut ? `${what} timed out.` : `${what} got no answer: ${(error as Error).message}.`,
    cause: error,
  });
}

function problemOf(response: AxiosResponse<unknown>): ErpProblem {
  const body = response.data;
  if (typeof body !== 'object' || body === null) {
    return {};
  }
  const { code, title, detail } = body as Record<string, unknown>;

  return {
    code: typeof code === 'string' ? code : undefined,
    title: typeof title === 'string' ? title : undefined,
    detail: typeof detail === 'string' ? detail : undefined,
  };
}

/** A non-2xx answer other than 401: 429 and 5xx may pass if tried again, anything else is the ERP's final word. */
function failureOf(request: ErpRequest, response: AxiosResponse<unknown>): Error {
  const problem = problemOf(response);
  const status = response.status;
  if (status !== 429 && status < 500) {
    return new ErpRejectedError(status, problem);
  }
  const waitMs = retryAfterMs(response.headers['retry-after']);

  return new ErpTransientError({
    kind: status === 429 ? 'quota' : 'unavailable',
    status,
    code: problem.code,
    detail: `${request.method} ${request.path} answered ${status} ${problem.code ?? ''}: ${problem.detail ?? 'no detail'}`,
    retryAfterMs: status === 429 ? (waitMs ?? DEFAULT_RETRY_AFTER_MS) : waitMs,
  });
}
