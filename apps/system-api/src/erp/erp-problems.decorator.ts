import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto, problemType } from '@lanegate/platform';

/** The problem the ERP routes answer with: RFC 9457 plus the members that say where the failure came from. */
export class ErpProblemDto extends ProblemDetailsDto {
  @ApiPropertyOptional({ description: 'Set to `erp` when the ERP itself refused the request.', example: 'erp' })
  source?: string;

  @ApiPropertyOptional({
    description: 'Seconds to wait before calling again; the same value as the `Retry-After` header.',
    example: 10,
  })
  retryAfterSeconds?: number;
}

interface ErpProblemExample {
  code: string;
  title: string;
  detail: string;
}

const DESCRIPTIONS: Record<404 | 409 | 422, string> = {
  404: 'The ERP does not know the resource; the problem carries its own code and detail.',
  409: 'The external reference already belongs to another kind of ERP document.',
  422: 'The ERP refused the request under its own rules (tax validation, totals); its own code and detail.',
};

const UNAVAILABLE: ErpProblemExample = {
  code: 'ERP_UNAVAILABLE',
  title: 'ERP unavailable',
  detail:
    'The ERP could not complete postInvoice: POST /invoices answered 503 ERP_MAINTENANCE: The tenant is in a ' +
    'scheduled maintenance window until 2026-12-08T16:10:00.000Z.',
};

function problemResponse(status: number, description: string, example: ErpProblemExample, retryAfter?: number) {
  return ApiResponse({
    status,
    description,
    ...(retryAfter === undefined
      ? {}
      : {
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before calling again.',
              schema: { type: 'integer', example: retryAfter },
            },
          },
        }),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: getSchemaPath(ErpProblemDto) },
        example: {
          type: problemType(example.code),
          title: example.title,
          status,
          detail: example.detail,
          code: example.code,
          correlationId: '3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
          ...(retryAfter === undefined ? { source: 'erp' } : { retryAfterSeconds: retryAfter }),
        },
      },
    },
  });
}

/** A rejection the ERP made on purpose, documented with the ERP's own code as the example. */
export function ApiErpRejection(status: 404 | 409 | 422, example: ErpProblemExample): MethodDecorator {
  return applyDecorators(ApiExtraModels(ErpProblemDto), problemResponse(status, DESCRIPTIONS[status], example));
}

/** 503 `ERP_UNAVAILABLE` with `Retry-After`: maintenance, quota, repeated failures or an open circuit. */
export function ApiErpUnavailable(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErpProblemDto),
    problemResponse(
      503,
      'The ERP cannot complete the call now (maintenance, quota, repeated failures, open circuit); ' +
        '`Retry-After` says when to try again.',
      UNAVAILABLE,
      10,
    ),
  );
}
