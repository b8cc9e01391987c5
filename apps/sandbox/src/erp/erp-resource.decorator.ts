import { applyDecorators, Controller, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';

import { ApiProblems, AuthenticatedBy } from '@lanegate/platform';

import { ErpFaultsInterceptor } from './erp-faults.interceptor.js';
import { ErpTokenGuard } from './erp-token.guard.js';

export const ERP_BASE_PATH = 'sandbox/erp';
export const ERP_AUTHENTICATION = 'sandbox-erp-oauth2';

/**
 * A controller of the sandbox ERP's own API: outside Lanegate's tokens and throttling, behind the ERP's access
 * tokens and the faults a real cloud ERP has (quota, maintenance, internal errors, latency).
 */
export function ErpResourceController(): ClassDecorator {
  return applyDecorators(
    Controller(ERP_BASE_PATH),
    ApiTags('sandbox ERP'),
    ApiBearerAuth(),
    AuthenticatedBy(ERP_AUTHENTICATION),
    SkipThrottle(),
    UseGuards(ErpTokenGuard),
    UseInterceptors(ErpFaultsInterceptor),
    ApiProblems(401, 429, 503),
    ApiResponse({
      status: 500,
      description: 'A simulated internal error of the ERP (`ERP_INTERNAL_ERROR`); nothing was changed.',
    }),
  );
}
