import { Injectable } from '@nestjs/common';

import { ApplicationError } from '@lanegate/platform';

import type { ErpContractDto, FuelSurchargeDto } from './erp-pricing.dto.js';
import { DIESEL_PRICES, FUEL_SURCHARGE_BANDS, SEED_CONTRACTS } from './erp-seed.js';

/** Rate contracts and the fuel surcharge table: read-only seed data the ERP publishes. */
@Injectable()
export class ErpPricingService {
  private readonly contracts = new Map(SEED_CONTRACTS.map((contract) => [contract.customerId, contract]));

  /** @throws ApplicationError `CONTRACT_NOT_FOUND` */
  contract(customerId: string): ErpContractDto {
    const contract = this.contracts.get(customerId);
    if (!contract) {
      throw new ApplicationError({
        code: 'CONTRACT_NOT_FOUND',
        status: 404,
        title: 'contract not found',
        detail: `No rate contract is on file for customer ${customerId}.`,
      });
    }

    return structuredClone(contract);
  }

  fuelSurcharge(): FuelSurchargeDto {
    return structuredClone({ table: { bands: FUEL_SURCHARGE_BANDS }, dieselPrices: DIESEL_PRICES });
  }
}
