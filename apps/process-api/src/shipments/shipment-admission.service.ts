import { Inject, Injectable } from '@nestjs/common';

import {
  type BillingRuleResult,
  type Charge,
  LINEHAUL_PER_MILE_RULE,
  rateFuelSurcharge,
  rateLinehaul,
} from '@lanegate/domain';
import { ApplicationError } from '@lanegate/platform';

import { fuelScheduleOf, laneFor, type LaneEnds, shipmentContractOf } from '../billing/master-data.js';
import { SystemApiClient } from '../system-api/system-api.client.js';
import type { CustomerAccount, CustomerContract } from '../system-api/system-api.types.js';
import { ShipmentRefusedError } from './shipment-admission.exception.js';
import type { CreateShipmentDto } from './shipment.dto.js';

/** The price a shipment was accepted at: linehaul and fuel surcharge on the ordered miles, before any event. */
export interface ShipmentQuote {
  readonly contractId: string;
  readonly laneId: string;
  readonly currency: string;
  readonly linehaulCents: number;
  readonly fuelSurchargeCents: number;
  readonly totalCents: number;
  /** What the ERP said the customer could still buy on credit when the shipment was accepted. */
  readonly availableCreditCents: number;
}

/**
 * The checks a new shipment must pass before it exists, all through the system API: the customer is known and
 * active, its contract prices the lane, the lane can be rated, and the ERP's credit check approves the quote.
 * A failed check is a 422 naming it; an ERP that cannot answer is a 503 with `Retry-After`.
 */
@Injectable()
export class ShipmentAdmission {
  constructor(@Inject(SystemApiClient) private readonly system: SystemApiClient) {}

  async admit(request: CreateShipmentDto): Promise<ShipmentQuote> {
    const account = await this.activeCustomer(request.customerId);
    const contract = await this.contractOf(account.id);
    const ends = laneEndsOf(request);
    const lane = laneFor(contract, ends);
    if (lane === undefined) {
      throw new ShipmentRefusedError(
        'contract_lane',
        'NO_CONTRACT_LANE',
        `Contract ${contract.id} of customer ${account.id} has no lane from ${place(ends.origin)} to ` +
          `${place(ends.destination)}.`,
      );
    }

    const prices = shipmentContractOf(contract, lane);
    const fuel = fuelScheduleOf(await this.system.fuelSurcharge(), contract.currency);
    if (prices.laneRate.basis === 'per_mile' && request.routeMiles === undefined) {
      throw new ShipmentRefusedError(
        'quote',
        'ROUTE_MILES_REQUIRED',
        `Lane ${lane.laneId} is priced per mile; give routeMiles so the shipment can be rated.`,
      );
    }
    const miles = request.routeMiles ?? 0;
    const linehaul = quoted(rateLinehaul({ laneRate: prices.laneRate, routeMiles: miles, sourceEventIds: [] }));
    const fuelSurcharge =
      request.routeMiles === undefined
        ? null
        : quoted(
            rateFuelSurcharge({
              table: fuel.table,
              dieselPrices: fuel.dieselPrices,
              pickupDate: request.stops[0].appointmentAt.slice(0, 10),
              routeMiles: miles,
              linehaulCents: linehaul.amountCents,
              sourceEventIds: [],
            }),
          );
    const totalCents = linehaul.amountCents + (fuelSurcharge?.amountCents ?? 0);

    const credit = await this.system.checkCredit(account.id, totalCents);
    if (!credit.approved) {
      throw new ShipmentRefusedError(
        'credit',
        'CREDIT_CHECK_FAILED',
        credit.reason ?? `The ERP did not approve credit of ${totalCents} cents for customer ${account.id}.`,
      );
    }

    return {
      contractId: contract.id,
      laneId: lane.laneId,
      currency: contract.currency,
      linehaulCents: linehaul.amountCents,
      fuelSurchargeCents: fuelSurcharge?.amountCents ?? 0,
      totalCents,
      availableCreditCents: credit.availableCreditCents,
    };
  }

  private async activeCustomer(customerId: string): Promise<CustomerAccount> {
    const account = await this.system.customer(customerId).catch((error: unknown) => {
      throw refusedWhenUnknown(error, 'customer', 'CUSTOMER_NOT_FOUND', `The ERP has no customer ${customerId}.`);
    });
    if (account.status !== 'active') {
      throw new ShipmentRefusedError(
        'customer',
        'CUSTOMER_NOT_ACTIVE',
        `Customer ${customerId} is ${account.status.replace('_', ' ')} in the ERP and cannot order shipments.`,
      );
    }

    return account;
  }

  private contractOf(customerId: string): Promise<CustomerContract> {
    return this.system.contract(customerId).catch((error: unknown) => {
      throw refusedWhenUnknown(error, 'contract_lane', 'NO_CONTRACT_LANE', `Customer ${customerId} has no contract.`);
    });
  }
}

/** The first pickup and the last delivery: the ends of the lane a contract prices. */
export function laneEndsOf(request: { stops: readonly { city: string; region: string }[] }): LaneEnds {
  const first = request.stops[0];
  const last = request.stops[request.stops.length - 1];

  return { origin: { city: first.city, region: first.region }, destination: { city: last.city, region: last.region } };
}

function quoted(result: BillingRuleResult): Charge {
  if (!result.ok) {
    const code = result.error.rule === LINEHAUL_PER_MILE_RULE ? 'LINEHAUL_NOT_RATED' : 'FUEL_SURCHARGE_NOT_RATED';
    throw new ShipmentRefusedError('quote', code, result.error.message);
  }

  return result.charge;
}

/** A 404 from the system layer means the ERP does not know the thing: the order fails that check. */
function refusedWhenUnknown(
  error: unknown,
  check: 'customer' | 'contract_lane',
  code: string,
  detail: string,
): unknown {
  return error instanceof ApplicationError && error.status === 404
    ? new ShipmentRefusedError(check, code, detail)
    : error;
}

function place(where: { city: string; region: string }): string {
  return `${where.city} ${where.region}`;
}
