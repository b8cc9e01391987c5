import { Inject, Injectable } from '@nestjs/common';
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';

import { LANEGATE_CONFIG, type LanegateConfig, outboundCorrelationHeaders } from '@lanegate/platform';

import { retryAfterMs } from '../../erp/erp.client.js';
import { DispatchPlatformRejectedError, DispatchTransientError } from './dispatch-platform.exception.js';
import type { DispatchTender, PlatformTenderReceipt } from './dispatch-tender.port.js';

/**
 * One HTTP exchange with the dispatch platform's tender API, authenticated by Lanegate's API key at the platform and
 * keyed by the tender id (`Idempotency-Key`). It sorts every failure into a deliberate rejection or a failure worth
 * another attempt; it neither retries nor waits: that is the tender gate's job.
 */
@Injectable()
export class DispatchPlatformClient {
  private readonly http: AxiosInstance;

  constructor(@Inject(LANEGATE_CONFIG) config: LanegateConfig) {
    this.http = axios.create({
      baseURL: config.dispatch.baseUrl,
      timeout: config.dispatch.timeoutMs,
      validateStatus: () => true,
      headers: { 'X-Api-Key': config.dispatch.apiKey },
    });
  }

  async tender(tender: DispatchTender, signal: AbortSignal): Promise<PlatformTenderReceipt> {
    let response: AxiosResponse<unknown>;
    try {
      response = await this.http.post('/tenders', tender, {
        signal,
        headers: { ...outboundCorrelationHeaders(), 'Idempotency-Key': tender.tenderId },
      });
    } catch (error) {
      const timedOut =
        signal.aborted || (isAxiosError(error) && (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT'));
      throw new DispatchTransientError(
        timedOut ? 'timeout' : 'network',
        timedOut ? 'POST /tenders timed out.' : `POST /tenders got no answer: ${(error as Error).message}.`,
        undefined,
        { cause: error },
      );
    }

    if (response.status === 200 || response.status === 201) {
      return { ...(response.data as Omit<PlatformTenderReceipt, 'repeated'>), repeated: response.status === 200 };
    }
    const problem = problemOf(response.data);
    if (response.status === 429 || response.status >= 500) {
      throw new DispatchTransientError(
        response.status === 429 ? 'busy' : 'unavailable',
        `POST /tenders answered ${response.status} ${problem.code ?? ''}: ${problem.detail ?? 'no detail'}`,
        retryAfterMs(response.headers['retry-after']),
      );
    }
    throw new DispatchPlatformRejectedError(response.status, problem);
  }
}

function problemOf(body: unknown): { code?: string; detail?: string } {
  if (typeof body !== 'object' || body === null) {
    return {};
  }
  const { code, detail } = body as Record<string, unknown>;

  return { code: typeof code === 'string' ? code : undefined, detail: typeof detail === 'string' ? detail : undefined };
}
