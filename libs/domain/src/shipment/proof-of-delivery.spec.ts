import { describe, expect, it } from 'vitest';

import { DomainError } from '../shared/domain.error.js';
import { createProofOfDelivery } from './proof-of-delivery.js';

describe(createProofOfDelivery.name, () => {
  it('builds a proof of delivery with a document link', () => {
    expect(
      createProofOfDelivery({
        capturedAt: '2024-03-06T15:12:00Z',
        signedBy: ' J. Rivera ',
        documentUrl: 'https://docs.example.com/pod/123.pdf',
      }),
    ).toEqual({
      capturedAt: '2024-03-06T15:12:00Z',
      signedBy: 'J. Rivera',
      documentUrl: 'https://docs.example.com/pod/123.pdf',
    });
  });

  it('leaves documentUrl out when none was sent', () => {
    expect(createProofOfDelivery({ capturedAt: '2024-03-06T15:12:00Z', signedBy: 'J. Rivera' })).not.toHaveProperty(
      'documentUrl',
    );
  });

  it('rejects a local capture time, a blank signer and a non-http link all at once', () => {
    let thrown: unknown;
    try {
      createProofOfDelivery({ capturedAt: '2024-03-06T10:12:00', signedBy: ' ', documentUrl: 'ftp://x/pod' });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('INVALID_PROOF_OF_DELIVERY');
    expect((thrown as DomainError).details['problems']).toHaveLength(3);
  });
});
