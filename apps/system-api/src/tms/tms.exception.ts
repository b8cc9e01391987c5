import { ApplicationError, type FieldViolation } from '@lanegate/platform';

/** The webhook signature checks, in the order they run; a 401 names the one that failed. */
export type WebhookCheck = 'headers' | 'timestamp' | 'signature';

const WEBHOOK_PROBLEMS: Readonly<Record<WebhookCheck, { code: string; title: string }>> = {
  headers: { code: 'WEBHOOK_HEADERS_MISSING', title: 'Webhook signature headers missing' },
  timestamp: { code: 'WEBHOOK_TIMESTAMP_STALE', title: 'Webhook timestamp outside the tolerance' },
  signature: { code: 'WEBHOOK_SIGNATURE_INVALID', title: 'Webhook signature invalid' },
};

/** A webhook that fails a Standard Webhooks check: missing headers, a stale timestamp or a bad signature. */
export class WebhookAuthenticationError extends ApplicationError {
  constructor(check: WebhookCheck, vendor: string, detail: string) {
    super({
      ...WEBHOOK_PROBLEMS[check],
      status: 401,
      detail,
      extensions: { vendor, failedCheck: check },
      headers: { 'WWW-Authenticate': `Signature realm="lanegate-tms", vendor="${vendor}"` },
    });
  }
}

/** A vendor message that does not have the shape of its format (schema, JSON, required fields). */
export class VendorMessageInvalidError extends ApplicationError {
  constructor(vendor: string, detail: string, errors?: FieldViolation[]) {
    super({
      code: 'VENDOR_MESSAGE_INVALID',
      status: 400,
      title: 'Vendor message invalid',
      detail,
      errors,
      extensions: { vendor },
    });
  }
}

/** An X12 interchange that cannot be read; names the segment and, where one is to blame, the element. */
export class X12MalformedError extends ApplicationError {
  constructor(detail: string, where: { segment: string; element?: string }) {
    super({
      code: 'X12_MALFORMED',
      status: 400,
      title: 'X12 interchange malformed',
      detail,
      extensions: { vendor: 'x12', segment: where.segment, ...(where.element ? { element: where.element } : {}) },
    });
  }
}

/** Statuses the vendor's mapping table does not know; the raw message is kept for a replay once it does. */
export class VendorStatusUnknownError extends ApplicationError {
  constructor(vendor: string, reports: readonly { status: string; position: string }[]) {
    const statuses = [...new Set(reports.map((report) => report.status))];
    const where = reports.map((report) => `'${report.status}' at ${report.position}`).join(', ');
    super({
      code: 'VENDOR_STATUS_UNKNOWN',
      status: 422,
      title: 'Vendor status unknown',
      detail: `${vendor} has no canonical mapping for ${where}; nothing from this message was applied.`,
      extensions: { vendor, unknownStatuses: statuses },
    });
  }
}

/** A known status whose message lacks what the canonical event needs (a stop, a signer, a valid SCAC). */
export class VendorEventUnmappableError extends ApplicationError {
  constructor(vendor: string, detail: string, errors?: FieldViolation[]) {
    super({
      code: 'VENDOR_EVENT_UNMAPPABLE',
      status: 422,
      title: 'Vendor event cannot be mapped',
      detail,
      errors,
      extensions: { vendor },
    });
  }
}
