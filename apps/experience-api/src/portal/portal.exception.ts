import { ApplicationError } from '@lanegate/platform';

/** The shipment is the customer's, but no proof of delivery has been captured for it yet. */
export class ProofOfDeliveryNotCapturedError extends ApplicationError {
  constructor(shipmentId: string) {
    super({
      code: 'PROOF_OF_DELIVERY_NOT_FOUND',
      status: 404,
      title: 'proof of delivery not found',
      detail: `No proof of delivery has been captured for shipment ${shipmentId} yet.`,
    });
  }
}
