import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto, problemType } from '@lanegate/platform';

/** The problem a vendor endpoint answers with: RFC 9457 plus the members that locate the fault in the message. */
export class VendorProblemDto extends ProblemDetailsDto {
  @ApiProperty({ description: 'The vendor format the message was sent in.', example: 'nmfta' })
  vendor: string;

  @ApiPropertyOptional({
    description: 'On 401: the Standard Webhooks check that failed.',
    enum: ['headers', 'timestamp', 'signature'],
    example: 'signature',
  })
  failedCheck?: string;

  @ApiPropertyOptional({ description: 'On malformed X12: the segment at fault.', example: 'SE' })
  segment?: string;

  @ApiPropertyOptional({ description: 'On malformed X12: the element at fault, when known.', example: 'SE01' })
  element?: string;

  @ApiPropertyOptional({
    description: "On 422: the vendor statuses the vendor's mapping table does not know.",
    type: [String],
    example: ['RouteStopEarlyLateArrival'],
  })
  unknownStatuses?: string[];

  @ApiPropertyOptional({
    description: 'The id under which the raw message is kept, to replay it once the mapping is fixed.',
    example: '0b6f3c52-7d7e-4f0b-9f43-1f7c3e2a9d10',
  })
  rawMessageId?: string;
}

const VENDOR_PROBLEMS = [
  {
    status: 400,
    description:
      'The message is not of its format: invalid JSON, a body that breaks the schema (`errors` names each field), ' +
      'or a malformed X12 interchange (`segment` and `element` name the culprit). It is kept as rejected.',
    code: 'X12_MALFORMED',
    title: 'X12 interchange malformed',
    detail: 'The value in SE01 (12) does not match the number of segments in the transaction (11).',
    extensions: { vendor: 'x12', segment: 'SE', element: 'SE01' },
  },
  {
    status: 401,
    description:
      'The Standard Webhooks check named in `failedCheck` failed: `headers` (missing), `timestamp` (more than five ' +
      'minutes from now) or `signature` (no match under any current secret of the vendor).',
    code: 'WEBHOOK_SIGNATURE_INVALID',
    title: 'Webhook signature invalid',
    detail: "No v1 signature in webhook-signature matches the message under nmfta's current secrets.",
    extensions: { vendor: 'nmfta', failedCheck: 'signature' },
  },
  {
    status: 422,
    description:
      "A status the vendor's table does not know (`VENDOR_STATUS_UNKNOWN`), or one whose message lacks what its " +
      'canonical event needs (`VENDOR_EVENT_UNMAPPABLE`). Nothing from the message was applied; it is kept under ' +
      '`rawMessageId` for a replay once the mapping is fixed.',
    code: 'VENDOR_STATUS_UNKNOWN',
    title: 'Vendor status unknown',
    detail:
      "trackline has no canonical mapping for 'RouteStopEarlyLateArrival' at eventId 7a1d4c2e; nothing was applied.",
    extensions: {
      vendor: 'trackline',
      unknownStatuses: ['RouteStopEarlyLateArrival'],
      rawMessageId: '0b6f3c52-7d7e-4f0b-9f43-1f7c3e2a9d10',
    },
  },
] as const;

/** The RFC 9457 problems a vendor endpoint answers with, each with an example of its own. */
export function ApiVendorProblems(): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(VendorProblemDto),
    ...VENDOR_PROBLEMS.map(({ status, description, code, title, detail, extensions }) =>
      ApiResponse({
        status,
        description,
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(VendorProblemDto) },
            example: {
              type: problemType(code),
              title,
              status,
              detail,
              code,
              correlationId: '3f2c9a4e-8f0b-4a55-9d1e-5c7a1b2e4d60',
              ...extensions,
            },
          },
        },
      }),
    ),
  );
}
