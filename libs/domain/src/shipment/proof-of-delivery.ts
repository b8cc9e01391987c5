import { DomainError } from '../shared/domain.error.js';
import { type IsoUtcTimestamp, isIsoUtc } from '../shared/iso-time.js';

/** The signed delivery receipt; usually required before a shipment can be invoiced. */
export interface ProofOfDelivery {
  readonly capturedAt: IsoUtcTimestamp;
  /** Name of the consignee's person who signed, as written on the receipt. */
  readonly signedBy: string;
  /** Where the image or document is kept, when the vendor sent one. */
  readonly documentUrl?: string;
}

const HTTP_URL = /^https?:\/\/\S+$/;

/**
 * Builds a {@link ProofOfDelivery} after checking its fields.
 * @throws DomainError `INVALID_PROOF_OF_DELIVERY`.
 */
export function createProofOfDelivery(input: ProofOfDelivery): ProofOfDelivery {
  const problems: string[] = [];
  if (!isIsoUtc(input.capturedAt)) {
    problems.push(`capturedAt must be an ISO 8601 UTC timestamp, got '${String(input.capturedAt)}'`);
  }
  if (input.signedBy.trim() === '') {
    problems.push('signedBy must name who signed');
  }
  if (input.documentUrl !== undefined && !HTTP_URL.test(input.documentUrl)) {
    problems.push(`documentUrl must be an http(s) URL, got '${input.documentUrl}'`);
  }
  if (problems.length > 0) {
    throw new DomainError('INVALID_PROOF_OF_DELIVERY', `Invalid proof of delivery: ${problems.join('; ')}.`, {
      details: { problems },
    });
  }

  const pod = { capturedAt: input.capturedAt, signedBy: input.signedBy.trim() };

  return input.documentUrl === undefined ? pod : { ...pod, documentUrl: input.documentUrl };
}
