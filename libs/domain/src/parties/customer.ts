import type { CurrencyCode } from '../shared/money.js';
import { addCents } from '../shared/money.js';

/** `on_hold`: known and served, but not to be invoiced (credit or dispute); `inactive`: no new business. */
export const CUSTOMER_STATUSES = ['active', 'on_hold', 'inactive'] as const;

export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** The customer's own rules that an invoice must satisfy before it is posted. */
export interface CustomerBillingRules {
  /** The customer refuses invoices without its purchase order number. */
  readonly poRequired: boolean;
  /** Currency the customer is invoiced in. */
  readonly currency: CurrencyCode;
  /** Tax jurisdiction the ERP resolves tax for, e.g. `US-OH`. */
  readonly taxRegion: string;
  /** Net days from invoice date to due date. */
  readonly paymentTermsDays: number;
}

/** The shipper that pays for the move. Master data owned by the ERP and cached by the gateway. */
export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly status: CustomerStatus;
  /** Integer cents in `billingRules.currency`. */
  readonly creditLimitCents: number;
  /** Invoiced but unpaid, integer cents in `billingRules.currency`. */
  readonly openBalanceCents: number;
  readonly billingRules: CustomerBillingRules;
}

/** Credit still available to the customer, in cents; negative when the customer is over its limit. */
export function availableCreditCents(customer: Customer): number {
  return addCents(customer.creditLimitCents, -customer.openBalanceCents);
}
