import { timingSafeEqual } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { WebhookAuthenticationError } from '../tms.exception.js';

/** How far `webhook-timestamp` may be from now, either way, as Standard Webhooks recommends. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export const WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

const UNIX_SECONDS = /^\d{1,12}$/;

export type WebhookHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Verifies Standard Webhooks signatures (HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`) with every
 * current secret of one vendor, so that a vendor can rotate: a message signed with any listed secret passes.
 */
export class WebhookSignatureVerifier {
  private readonly keys: readonly Webhook[];

  constructor(
    readonly vendor: string,
    secrets: readonly string[],
  ) {
    this.keys = secrets.map((secret) => new Webhook(secret));
  }

  /**
   * Checks, in order, that the three headers are there, that the timestamp is within the tolerance of `now`, and
   * that one of the signatures in `webhook-signature` matches.
   * @returns the `webhook-id`.
   * @throws WebhookAuthenticationError naming the check that failed.
   */
  verify(body: string, headers: WebhookHeaders, now: Date = new Date()): string {
    const id = single(headers['webhook-id']);
    const timestamp = single(headers['webhook-timestamp']);
    const signatures = single(headers['webhook-signature']);
    if (id === undefined || timestamp === undefined || signatures === undefined) {
      const missing = WEBHOOK_HEADERS.filter((name) => single(headers[name]) === undefined);
      const noun = missing.length === 1 ? 'header' : 'headers';
      throw this.failure('headers', `The request has no ${missing.join(', ')} ${noun}; it must be signed.`);
    }
    if (!UNIX_SECONDS.test(timestamp)) {
      throw this.failure('headers', `webhook-timestamp '${timestamp}' is not a Unix time in seconds.`);
    }

    const skew = Math.floor(now.getTime() / 1000) - Number(timestamp);
    if (Math.abs(skew) > WEBHOOK_TOLERANCE_SECONDS) {
      const direction = skew > 0 ? `${skew} s old` : `${-skew} s in the future`;
      throw this.failure(
        'timestamp',
        `webhook-timestamp is ${direction}; messages are accepted ${WEBHOOK_TOLERANCE_SECONDS} s either side of now.`,
      );
    }

    const offered = signatures.split(' ').filter((signature) => signature.startsWith('v1,'));
    const signedAt = new Date(Number(timestamp) * 1000);
    const expected = this.keys.map((key) => key.sign(id, signedAt, body));
    if (!offered.some((signature) => expected.some((candidate) => sameText(signature, candidate)))) {
      throw this.failure(
        'signature',
        `No v1 signature in webhook-signature matches the message under ${this.vendor}'s ` +
          `${this.keys.length === 0 ? 'secrets (none are configured)' : 'current secrets'}.`,
      );
    }

    return id;
  }

  private failure(check: 'headers' | 'timestamp' | 'signature', detail: string): WebhookAuthenticationError {
    return new WebhookAuthenticationError(check, this.vendor, detail);
  }
}

function single(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;

  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);

  return left.length === right.length && timingSafeEqual(left, right);
}
