import { Injectable } from '@nestjs/common';

import { ApplicationError, ResourceNotFoundError } from '@lanegate/platform';

import type {
  CreditCheckDto,
  CreditCheckRequestDto,
  ErpCustomerDto,
  TaxQuoteDto,
  TaxQuoteRequestDto,
} from './erp-customers.dto.js';
import { type ErpCustomerRecord, TAX_RATES_BASIS_POINTS } from './erp-seed.js';
import { SandboxErpState } from './sandbox-erp-state.service.js';

/** Tax on an amount, rounded half up to the cent (half away from zero for credits, so they mirror invoices). */
export function taxOnCents(amountCents: number, rateBasisPoints: number): number {
  const magnitude = Math.floor((Math.abs(amountCents) * rateBasisPoints + 5_000) / 10_000);

  return amountCents < 0 && magnitude > 0 ? -magnitude : magnitude;
}

/** The ERP's customer accounts: master data, open balance, credit and tax. */
@Injectable()
export class ErpCustomersService {
  constructor(private readonly state: SandboxErpState) {}

  /** @throws ApplicationError `CUSTOMER_NOT_FOUND` */
  require(customerId: string): ErpCustomerRecord {
    const customer = this.state.customer(customerId);
    if (!customer) {
      throw new ResourceNotFoundError('customer', customerId);
    }

    return customer;
  }

  customer(customerId: string): ErpCustomerDto {
    const { rejectsTax: _rejectsTax, ...visible } = this.require(customerId);

    return { ...visible, openBalanceCents: this.openBalanceCents(visible) };
  }

  /** The ERP's tax engine rejects customers whose tax data is broken, with its own reason. */
  assertTaxAccepted(customer: ErpCustomerRecord): void {
    if (customer.rejectsTax) {
      throw new ApplicationError({
        code: 'TAX_VALIDATION_FAILED',
        status: 422,
        title: 'Tax validation failed',
        detail:
          `The exemption certificate on file for customer ${customer.id} in ${customer.taxRegion} expired on ` +
          '2026-09-30; tax cannot be determined until a valid certificate is recorded.',
      });
    }
  }

  quoteTax(request: TaxQuoteRequestDto): TaxQuoteDto {
    const customer = this.require(request.customerId);
    this.assertTaxAccepted(customer);
    const rateBasisPoints = TAX_RATES_BASIS_POINTS[customer.taxRegion];
    if (rateBasisPoints === undefined) {
      throw new ApplicationError({
        code: 'TAX_VALIDATION_FAILED',
        status: 422,
        title: 'Tax validation failed',
        detail: `The tenant is not registered to collect tax in ${customer.taxRegion}.`,
      });
    }

    const taxableCents = request.lines.reduce((sum, line) => sum + line.amountCents, 0);

    return {
      quoteId: this.state.nextTaxQuoteId(),
      taxCents: taxOnCents(taxableCents, rateBasisPoints),
      rateBasisPoints,
      taxRegion: customer.taxRegion,
    };
  }

  checkCredit(request: CreditCheckRequestDto): CreditCheckDto {
    const customer = this.require(request.customerId);
    const availableCreditCents = customer.creditLimitCents - this.openBalanceCents(customer);
    const reason = creditRefusal(customer, request.amountCents, availableCreditCents);

    return reason === undefined
      ? { approved: true, availableCreditCents }
      : { approved: false, availableCreditCents, reason };
  }

  private openBalanceCents(customer: Pick<ErpCustomerRecord, 'id' | 'openBalanceCents'>): number {
    return customer.openBalanceCents + this.state.postedTotalCents(customer.id);
  }
}

function creditRefusal(customer: ErpCustomerRecord, amountCents: number, availableCents: number): string | undefined {
  switch (customer.status) {
    case 'on_hold':
      return `Customer ${customer.id} is on credit hold.`;
    case 'inactive':
      return `Customer ${customer.id} is inactive.`;
    case 'active':
      return amountCents > availableCents
        ? `The amount of ${amountCents} cents exceeds the available credit of ${availableCents} cents.`
        : undefined;
  }
}
