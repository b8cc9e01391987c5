import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem-details.js';
import { ProblemDetailsDto } from './problem.dto.js';

interface ProblemExample {
  code: string;
  title: string;
  detail: string;
}

const STANDARD_PROBLEMS: Record<number, { description: string; example: ProblemExample }> = {
  400: {
    description: 'The request is malformed or fails validation; `errors` names each offending field.',
    example: {
      code: 'VALIDATION_FAILED',
      title: 'Request validation failed',
      detail: '1 field(s) are invalid: customerId.',
    },
  },
  401: {
    description: 'No bearer token, or the token is invalid or expired.',
    example: {
      code: 'UNAUTHENTICATED',
      title: 'Authentication required',
      detail: 'A valid bearer token is required: No auth token.',
    },
  },
  403: {
    description: "The token's scopes do not admit this route.",
    example: {
      code: 'INSUFFICIENT_SCOPE',
      title: 'Insufficient scope',
      detail: 'This route needs a token with one of these scopes: ops.',
    },
  },
  404: {
    description: 'The resource does not exist, or is not visible to this caller.',
    example: { code: 'SHIPMENT_NOT_FOUND', title: 'shipment not found', detail: 'No shipment with id SHP-1 exists.' },
  },
  409: {
    description: 'A request with the same Idempotency-Key is still being processed.',
    example: {
      code: 'IDEMPOTENCY_KEY_IN_PROGRESS',
      title: 'Request in progress',
      detail: 'A request with this Idempotency-Key is still being processed; retry shortly.',
    },
  },
  422: {
    description: 'The request is well-formed but cannot be processed as asked.',
    example: {
      code: 'IDEMPOTENCY_KEY_REUSED',
      title: 'Idempotency-Key reused',
      detail: 'This Idempotency-Key was first used with a different request body.',
    },
  },
  429: {
    description: 'The caller exceeded its rate limit; `Retry-After` says when to try again.',
    example: {
      code: 'RATE_LIMITED',
      title: 'Too Many Requests',
      detail: 'ThrottlerException: Too Many Requests',
    },
  },
  503: {
    description: 'A dependency is unavailable; `Retry-After` says when to try again.',
    example: {
      code: 'SERVICE_UNAVAILABLE',
      title: 'Service Unavailable',
      detail: 'A required service is unavailable.',
    },
  },
};

/** Documents the RFC 9457 problem responses a route can answer with, each with a description and an example. */
export function ApiProblems(...statuses: (keyof typeof STANDARD_PROBLEMS)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) => {
      const { description, example } = STANDARD_PROBLEMS[status];

      return ApiResponse({
        status,
        description,
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(ProblemDetailsDto) },
            example: {
              type: problemType(example.code),
              title: example.title,
              status,
              detail: example.detail,
              code: example.code,
              correlationId: '3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
            },
          },
        },
      });
    }),
  );
}

export interface RouteProblem {
  description: string;
  code: string;
  title: string;
  detail: string;
  /** Extra members of the example body, e.g. `{ check: 'credit' }`. */
  extensions?: Record<string, unknown>;
  /** Documents a `Retry-After` header with this example value. */
  retryAfterSeconds?: number;
  /** A subclass of the problem DTO that documents the extension members; the plain problem otherwise. */
  type?: Type<ProblemDetailsDto>;
}

/** Documents one problem response specific to a route, with its own description and example. */
export function ApiProblem(status: number, problem: RouteProblem): MethodDecorator & ClassDecorator {
  const schema = problem.type ?? ProblemDetailsDto;

  return applyDecorators(
    ApiExtraModels(schema),
    ApiResponse({
      status,
      description: problem.description,
      ...(problem.retryAfterSeconds === undefined
        ? {}
        : {
            headers: {
              'Retry-After': {
                description: 'Seconds to wait before calling again.',
                schema: { type: 'integer', example: problem.retryAfterSeconds },
              },
            },
          }),
      content: {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { $ref: getSchemaPath(schema) },
          example: {
            type: problemType(problem.code),
            title: problem.title,
            status,
            detail: problem.detail,
            code: problem.code,
            correlationId: '3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
            ...problem.extensions,
          },
        },
      },
    }),
  );
}
