import { ApplicationError } from '@lanegate/platform';

/** An operator's request about an accessorial that the shipment's projection does not allow. */
export class AccessorialConflictError extends ApplicationError {
  constructor(
    code: 'ACCESSORIAL_ALREADY_DECIDED' | 'ACCESSORIAL_ALREADY_SUBMITTED' | 'ACCESSORIAL_CURRENCY_MISMATCH',
    detail: string,
  ) {
    super({
      code,
      status: code === 'ACCESSORIAL_CURRENCY_MISMATCH' ? 422 : 409,
      title: {
        ACCESSORIAL_ALREADY_DECIDED: 'Accessorial already decided',
        ACCESSORIAL_ALREADY_SUBMITTED: 'Accessorial already submitted',
        ACCESSORIAL_CURRENCY_MISMATCH: 'Accessorial currency differs',
      }[code],
      detail,
    });
  }
}
