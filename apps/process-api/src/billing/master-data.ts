import {
  type AccessorialPrice,
  type Customer,
  type CurrencyCode,
  type DieselPrice,
  type FuelSurchargeTable,
  type ShipmentContract,
  SUBMITTED_ACCESSORIAL_KINDS,
} from '@lanegate/domain';

import type {
  ContractLane,
  CustomerAccount,
  CustomerContract,
  FuelSurchargeSchedule,
} from '../system-api/system-api.types.js';

/** Where a shipment starts and ends, as a contract lane names its origin and destination. */
export interface LaneEnds {
  readonly origin: { readonly city: string; readonly region: string };
  readonly destination: { readonly city: string; readonly region: string };
}

/** Everything billing reads from the ERP's master data for one shipment, in the domain's terms. */
export interface BillingMasterData {
  readonly customer: Customer;
  readonly contractId: string;
  readonly laneId: string;
  readonly contract: ShipmentContract;
  readonly fuelSurchargeTable: FuelSurchargeTable;
  readonly dieselPrices: readonly DieselPrice[];
}

export function customerOf(account: CustomerAccount): Customer {
  return {
    id: account.id,
    name: account.name,
    status: account.status,
    creditLimitCents: account.creditLimitCents,
    openBalanceCents: account.openBalanceCents,
    billingRules: {
      poRequired: account.poRequired,
      currency: account.currency,
      taxRegion: account.taxRegion,
      paymentTermsDays: account.paymentTermsDays,
    },
  };
}

/**
 * The contract lane that prices a shipment from `ends.origin` to `ends.destination`: the lane whose origin and
 * destination name the same city and region, ignoring case and surrounding blanks.
 */
export function laneFor(contract: CustomerContract, ends: LaneEnds): ContractLane | undefined {
  const same = (a: { city: string; region: string }, b: { city: string; region: string }): boolean =>
    normalise(a.city) === normalise(b.city) && normalise(a.region) === normalise(b.region);

  return contract.lanes.find((lane) => same(lane.origin, ends.origin) && same(lane.destination, ends.destination));
}

/** The lane's prices as the rating rules take them. */
export function shipmentContractOf(contract: CustomerContract, lane: ContractLane): ShipmentContract {
  const currency = contract.currency;
  const accessorialPrices: AccessorialPrice[] = lane.accessorials.flatMap((price) =>
    isAccessorialKind(price.kind) ? [{ kind: price.kind, priceCents: price.priceCents }] : [],
  );

  return {
    laneRate:
      lane.rateType === 'flat'
        ? { basis: 'flat', flatCents: lane.flatCents ?? 0, currency }
        : { basis: 'per_mile', rateCentsPerMile: lane.rateCentsPerMile ?? 0, currency },
    detention: { ...lane.detention, currency },
    accessorialPrices,
  };
}

/** The ERP's fuel surcharge table and diesel prices; the table is in the contract's currency. */
export function fuelScheduleOf(
  schedule: FuelSurchargeSchedule,
  currency: CurrencyCode,
): { table: FuelSurchargeTable; dieselPrices: DieselPrice[] } {
  return {
    table: {
      currency,
      bands: schedule.table.bands.map((band) => ({ basis: 'per_mile', ...band })),
    },
    dieselPrices: schedule.dieselPrices.map((price) => ({
      effectiveDate: price.weekOf,
      centsPerGallon: price.dieselCents,
    })),
  };
}

function isAccessorialKind(kind: string): kind is AccessorialPrice['kind'] {
  return (SUBMITTED_ACCESSORIAL_KINDS as readonly string[]).includes(kind);
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}
