import { Inject, Injectable } from '@nestjs/common';
import axios, { type AxiosInstance, type AxiosRequestConfig, isAxiosError } from 'axios';

import { ApplicationError, LANEGATE_CONFIG, type LanegateConfig, outboundCorrelationHeaders } from '@lanegate/platform';

const TOKEN_RENEWAL_MARGIN_MS = 60_000;

export class ErpUnavailableError extends ApplicationError {
  constructor(cause: unknown) {
    super({
      code: 'ERP_UNAVAILABLE',
      status: 503,
      title: 'ERP unavailable',
      detail: 'The ERP did not answer; try again shortly.',
      headers: { 'Retry-After': '10' },
      cause,
    });
  }
}

/**
 * Calls the cloud ERP's REST API with an OAuth2 client-credentials token that is cached, renewed before it
 * expires, and renewed once more when the ERP answers 401.
 */
@Injectable()
export class ErpClient {
  private readonly http: AxiosInstance;
  private token?: { value: string; renewAt: number };

  constructor(@Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig) {
    this.http = axios.create({ baseURL: config.erp.baseUrl, timeout: config.layerCallTimeoutMs });
  }

  async get<T>(path: string, request: AxiosRequestConfig = {}): Promise<T> {
    return this.send<T>({ ...request, method: 'GET', url: path });
  }

  private async send<T>(request: AxiosRequestConfig, renewed = false): Promise<T> {
    const token = await this.accessToken(renewed);
    try {
      const response = await this.http.request<T>({
        ...request,
        headers: { ...request.headers, ...outboundCorrelationHeaders(), Authorization: `Bearer ${token}` },
      });

      return response.data;
    } catch (error) {
      if (isAxiosError(error) && error.response?.status === 401 && !renewed) {
        return this.send<T>(request, true);
      }
      if (isAxiosError(error) && error.response && error.response.status < 500 && error.response.status !== 429) {
        const problem = error.response.data as { code?: string; title?: string; detail?: string };
        throw new ApplicationError({
          code: problem.code ?? 'ERP_REJECTED',
          status: error.response.status,
          title: problem.title ?? 'ERP rejected the request',
          detail: problem.detail ?? `The ERP answered ${error.response.status}.`,
          cause: error,
        });
      }
      throw new ErpUnavailableError(error);
    }
  }

  private async accessToken(forceRenewal: boolean): Promise<string> {
    if (!forceRenewal && this.token && this.token.renewAt > Date.now()) {
      return this.token.value;
    }
    try {
      const { data } = await this.http.post<{ access_token: string; expires_in: number }>('/oauth/token', {
        grant_type: 'client_credentials',
        client_id: this.config.erp.clientId,
        client_secret: this.config.erp.clientSecret,
      });
      this.token = { value: data.access_token, renewAt: Date.now() + data.expires_in * 1000 - TOKEN_RENEWAL_MARGIN_MS };

      return data.access_token;
    } catch (error) {
      throw new ErpUnavailableError(error);
    }
  }
}
