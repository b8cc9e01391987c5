import { ApiProperty } from '@nestjs/swagger';

import { ApplicationError, ProblemDetailsDto } from '@lanegate/platform';

/** The synchronous checks a new shipment must pass, in the order they run. */
export const ADMISSION_CHECKS = ['route', 'customer', 'contract_lane', 'quote', 'credit'] as const;

export type AdmissionCheck = (typeof ADMISSION_CHECKS)[number];

const TITLES: Readonly<Record<AdmissionCheck, string>> = {
  route: 'Shipment route invalid',
  customer: 'Customer cannot order',
  contract_lane: 'No contract lane',
  quote: 'Shipment cannot be rated',
  credit: 'Credit check failed',
};

/** A shipment refused at creation: which check failed and why, as a 422 problem with a `check` member. */
export class ShipmentRefusedError extends ApplicationError {
  constructor(check: AdmissionCheck, code: string, detail: string) {
    super({ code, status: 422, title: TITLES[check], detail, extensions: { check } });
  }
}

/** The problem a refused shipment answers with. */
export class ShipmentRefusedProblemDto extends ProblemDetailsDto {
  @ApiProperty({ description: 'The check that failed.', enum: ADMISSION_CHECKS, example: 'credit' })
  check: AdmissionCheck;
}
