/** A customer as the sandbox ERP holds it; amounts in cents. */
export interface ErpCustomerRecord {
  id: string;
  name: string;
  status: 'active' | 'on_hold' | 'inactive';
  creditLimitCents: number;
  openBalanceCents: number;
  currency: string;
  taxRegion: string;
  paymentTermsDays: number;
  poRequired: boolean;
  /** Customers flagged so have their tax quotes and invoices rejected, as a real ERP does on bad tax data. */
  rejectsTax: boolean;
}

/** Realistic shippers the sandbox ERP starts with. */
export const SEED_CUSTOMERS: ErpCustomerRecord[] = [
  {
    id: 'C-1001',
    name: 'Midwest Paper Products Inc.',
    status: 'active',
    creditLimitCents: 50_000_000,
    openBalanceCents: 12_450_000,
    currency: 'USD',
    taxRegion: 'US-IL',
    paymentTermsDays: 30,
    poRequired: false,
    rejectsTax: false,
  },
  {
    id: 'C-1002',
    name: 'Lakeshore Foods LLC',
    status: 'active',
    creditLimitCents: 25_000_000,
    openBalanceCents: 3_100_000,
    currency: 'USD',
    taxRegion: 'US-OH',
    paymentTermsDays: 45,
    poRequired: true,
    rejectsTax: false,
  },
  {
    id: 'C-1003',
    name: 'Prairie Building Supply Co.',
    status: 'on_hold',
    creditLimitCents: 10_000_000,
    openBalanceCents: 9_900_000,
    currency: 'USD',
    taxRegion: 'US-IN',
    paymentTermsDays: 30,
    poRequired: false,
    rejectsTax: false,
  },
  {
    id: 'C-1004',
    name: 'Great Lakes Chemical Distribution',
    status: 'active',
    creditLimitCents: 40_000_000,
    openBalanceCents: 0,
    currency: 'USD',
    taxRegion: 'US-MI',
    paymentTermsDays: 30,
    poRequired: false,
    rejectsTax: true,
  },
];

/** OAuth2 client the gateway uses to reach the sandbox ERP. */
export const SANDBOX_ERP_CLIENT = { clientId: 'lanegate-gateway', clientSecret: 'sandbox-erp-secret' } as const;
