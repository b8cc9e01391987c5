import type { AxiosInstance } from 'axios';

import { createLayerClient, LANEGATE_CONFIG, type LanegateConfig, TokenIssuer } from '@lanegate/platform';

/** Injection token of the HTTP client for the process layer's published API. */
export const PROCESS_API = Symbol('PROCESS_API');

export const processApiClientProvider = {
  provide: PROCESS_API,
  inject: [LANEGATE_CONFIG, TokenIssuer],
  useFactory: (config: LanegateConfig, tokens: TokenIssuer): AxiosInstance =>
    createLayerClient({
      baseUrl: config.layerUrls.process,
      caller: 'experience-api',
      tokens,
      timeoutMs: config.layerCallTimeoutMs,
    }),
};
