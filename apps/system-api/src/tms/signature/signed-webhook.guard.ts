import {
  applyDecorators,
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

import { AuthenticatedBy, LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { WebhookSignatureVerifier } from './webhook-signature.js';

const WEBHOOK_VENDOR = 'lanegate:tms-webhook-vendor';

/** A request as the guard sees it: the raw body when JSON (see `TmsBodyParsers`), the body itself when text. */
export type SignedRequest = FastifyRequest & { rawBody?: Buffer; webhookId?: string };

/**
 * Marks a route as a vendor's signed webhook: no bearer token, a Standard Webhooks signature made with one of the
 * vendor's secrets instead. The guard leaves the verified `webhook-id` on the request.
 */
export function SignedWebhook(vendor: string): MethodDecorator {
  return applyDecorators(
    AuthenticatedBy('standard-webhooks'),
    SetMetadata(WEBHOOK_VENDOR, vendor),
    UseGuards(SignedWebhookGuard),
    ApiHeader({
      name: 'webhook-id',
      required: true,
      description: 'Standard Webhooks message id, the same on every retry; a repeat is acknowledged without effect.',
      example: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    }),
    ApiHeader({
      name: 'webhook-timestamp',
      required: true,
      description: 'Unix seconds when the message was signed; accepted within five minutes of now, either way.',
      example: '1796653500',
    }),
    ApiHeader({
      name: 'webhook-signature',
      required: true,
      description:
        'Space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>` with the ' +
        "vendor's secret; one matching any of the vendor's current secrets is enough.",
      example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
    }),
  );
}

/** Verifies the Standard Webhooks signature of a `@SignedWebhook(vendor)` route against the vendor's secrets. */
@Injectable()
export class SignedWebhookGuard implements CanActivate {
  private readonly verifiers: ReadonlyMap<string, WebhookSignatureVerifier>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(LANEGATE_CONFIG) config: LanegateConfig,
  ) {
    this.verifiers = new Map(
      Object.entries(config.tms.webhookSecrets).map(([vendor, secrets]) => [
        vendor,
        new WebhookSignatureVerifier(vendor, secrets),
      ]),
    );
  }

  canActivate(context: ExecutionContext): boolean {
    const vendor = this.reflector.get<string>(WEBHOOK_VENDOR, context.getHandler());
    const request = context.switchToHttp().getRequest<SignedRequest>();
    const verifier = this.verifiers.get(vendor) ?? new WebhookSignatureVerifier(vendor, []);
    request.webhookId = verifier.verify(signedBody(request), request.headers);

    return true;
  }
}

/** The body exactly as the vendor signed it: the raw bytes of JSON, the text itself of an X12 interchange. */
export function signedBody(request: SignedRequest): string {
  if (request.rawBody) {
    return request.rawBody.toString('utf8');
  }

  return typeof request.body === 'string' ? request.body : '';
}
