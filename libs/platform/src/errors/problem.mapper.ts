import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

import { ApplicationError } from './application.error.js';
import { type ProblemDetails, problemType } from './problem-details.js';

/** A problem body plus the response headers that belong with it. */
export interface MappedProblem {
  body: ProblemDetails;
  headers: Record<string, string>;
  /** True when the cause is ours, not the caller's: logged at error level with its stack. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, string> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_REQUEST',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'ROUTE_NOT_FOUND',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'METHOD_NOT_ALLOWED',
  [HttpStatus.NOT_ACCEPTABLE]: 'NOT_ACCEPTABLE',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PAYLOAD_TOO_LARGE',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UNSUPPORTED_MEDIA_TYPE',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'UNPROCESSABLE_CONTENT',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'SERVICE_UNAVAILABLE',
};

const UNEXPECTED_DETAIL = 'An unexpected error occurred. Quote the correlation id when you report it.';

interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

function titleFor(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function codeFor(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'REQUEST_REJECTED');
}

function httpExceptionDetail(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return message.join('; ');
  }

  return typeof message === 'string' ? message : exception.message;
}

/**
 * Turns anything thrown while serving a request into RFC 9457 problem details. Internal messages and stacks
 * of unexpected errors never reach the body.
 */
export function toProblem(error: unknown, context: { correlationId: string; instance?: string }): MappedProblem {
  const base = { correlationId: context.correlationId, instance: context.instance };

  if (error instanceof ApplicationError) {
    return {
      body: {
        ...error.extensions,
        type: problemType(error.code),
        title: error.title,
        status: error.status,
        detail: error.message,
        code: error.code,
        ...(error.errors ? { errors: error.errors } : {}),
        ...base,
      },
      headers: error.headers,
      unexpected: error.status >= 500 && error.status !== 503,
    };
  }

  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = codeFor(status);
    const unexpected = status >= 500 && status !== 503;

    return {
      body: {
        type: problemType(code),
        title: titleFor(status),
        status,
        detail: unexpected ? UNEXPECTED_DETAIL : httpExceptionDetail(error),
        code,
        ...base,
      },
      headers: {},
      unexpected,
    };
  }

  // Errors raised by Fastify itself (unparseable JSON, wrong content type, body too large) carry a statusCode.
  const framework = error as FrameworkError;
  if (typeof framework?.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    const status = framework.statusCode;
    const code = codeFor(status);

    return {
      body: {
        type: problemType(code),
        title: titleFor(status),
        status,
        detail: framework.message ?? titleFor(status),
        code,
        ...base,
      },
      headers: {},
      unexpected: false,
    };
  }

  return {
    body: {
      type: problemType('INTERNAL_ERROR'),
      title: titleFor(500),
      status: 500,
      detail: UNEXPECTED_DETAIL,
      code: 'INTERNAL_ERROR',
      ...base,
    },
    headers: {},
    unexpected: true,
  };
}
