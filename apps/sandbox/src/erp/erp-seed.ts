/** A customer as the sandbox ERP holds it; amounts in cents. */
export interface ErpCustomerRecord {
  id: string;
  name: string;
  status: 'active' | 'on_hold' | 'inactive';
  creditLimitCents: number;
  /** Open receivables when the sandbox starts; documents posted since are added to it. */
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

/** The one tenant the sandbox ERP serves. */
export const SANDBOX_ERP_TENANT = 'lanegate-demo-tenant';

/** Item kinds the ERP's catalogue knows; invoice and credit memo lines must use one of them. */
export const ERP_ITEM_KINDS = [
  'linehaul',
  'fuel_surcharge',
  'detention',
  'lumper',
  'layover',
  'tonu',
  'stop_off',
  'driver_assist',
  'other',
] as const;

/** Sales tax rate of each tax region the ERP is registered in, in basis points (625 = 6.25 %). */
export const TAX_RATES_BASIS_POINTS: Readonly<Record<string, number>> = {
  'US-IL': 625,
  'US-IN': 700,
  'US-MI': 600,
  'US-OH': 575,
};

export interface ErpPlace {
  city: string;
  region: string;
}

export interface ErpDetentionTerms {
  freeMinutes: number;
  incrementMinutes: number;
  hourlyRateCents: number;
  capCents: number;
}

export interface ErpAccessorialPrice {
  kind: 'lumper' | 'layover' | 'tonu' | 'stop_off' | 'driver_assist';
  priceCents: number;
  requiresApproval: boolean;
}

export interface ErpLaneRecord {
  laneId: string;
  origin: ErpPlace;
  destination: ErpPlace;
  rateType: 'per_mile' | 'flat';
  rateCentsPerMile?: number;
  flatCents?: number;
  detention: ErpDetentionTerms;
  accessorials: ErpAccessorialPrice[];
}

export interface ErpContractRecord {
  id: string;
  customerId: string;
  currency: string;
  lanes: ErpLaneRecord[];
}

function accessorials(prices: {
  lumper: number;
  layover: number;
  tonu: number;
  stopOff: number;
}): ErpAccessorialPrice[] {
  return [
    { kind: 'lumper', priceCents: prices.lumper, requiresApproval: true },
    { kind: 'layover', priceCents: prices.layover, requiresApproval: true },
    { kind: 'tonu', priceCents: prices.tonu, requiresApproval: true },
    { kind: 'stop_off', priceCents: prices.stopOff, requiresApproval: false },
  ];
}

/** One rate contract per seeded customer, each with the lanes it prices. */
export const SEED_CONTRACTS: ErpContractRecord[] = [
  {
    id: 'CTR-2026-1001',
    customerId: 'C-1001',
    currency: 'USD',
    lanes: [
      {
        laneId: 'LN-1001-01',
        origin: { city: 'Chicago', region: 'IL' },
        destination: { city: 'Columbus', region: 'OH' },
        rateType: 'per_mile',
        rateCentsPerMile: 285,
        detention: { freeMinutes: 120, incrementMinutes: 15, hourlyRateCents: 6_000, capCents: 48_000 },
        accessorials: accessorials({ lumper: 25_000, layover: 30_000, tonu: 15_000, stopOff: 7_500 }),
      },
    ],
  },
  {
    id: 'CTR-2026-1002',
    customerId: 'C-1002',
    currency: 'USD',
    lanes: [
      {
        laneId: 'LN-1002-01',
        origin: { city: 'Columbus', region: 'OH' },
        destination: { city: 'Detroit', region: 'MI' },
        rateType: 'per_mile',
        rateCentsPerMile: 265,
        detention: { freeMinutes: 120, incrementMinutes: 30, hourlyRateCents: 5_500, capCents: 44_000 },
        accessorials: [
          ...accessorials({ lumper: 22_500, layover: 27_500, tonu: 15_000, stopOff: 7_500 }),
          { kind: 'driver_assist', priceCents: 5_000, requiresApproval: false },
        ],
      },
      {
        laneId: 'LN-1002-02',
        origin: { city: 'Cleveland', region: 'OH' },
        destination: { city: 'Pittsburgh', region: 'PA' },
        rateType: 'flat',
        flatCents: 95_000,
        detention: { freeMinutes: 120, incrementMinutes: 30, hourlyRateCents: 5_500, capCents: 44_000 },
        accessorials: accessorials({ lumper: 22_500, layover: 27_500, tonu: 15_000, stopOff: 7_500 }),
      },
    ],
  },
  {
    id: 'CTR-2026-1003',
    customerId: 'C-1003',
    currency: 'USD',
    lanes: [
      {
        laneId: 'LN-1003-01',
        origin: { city: 'Indianapolis', region: 'IN' },
        destination: { city: 'Louisville', region: 'KY' },
        rateType: 'per_mile',
        rateCentsPerMile: 298,
        detention: { freeMinutes: 120, incrementMinutes: 15, hourlyRateCents: 5_000, capCents: 40_000 },
        accessorials: accessorials({ lumper: 20_000, layover: 25_000, tonu: 12_500, stopOff: 6_000 }),
      },
    ],
  },
  {
    id: 'CTR-2026-1004',
    customerId: 'C-1004',
    currency: 'USD',
    lanes: [
      {
        laneId: 'LN-1004-01',
        origin: { city: 'Detroit', region: 'MI' },
        destination: { city: 'Chicago', region: 'IL' },
        rateType: 'per_mile',
        rateCentsPerMile: 315,
        detention: { freeMinutes: 120, incrementMinutes: 15, hourlyRateCents: 6_500, capCents: 52_000 },
        accessorials: accessorials({ lumper: 27_500, layover: 35_000, tonu: 17_500, stopOff: 8_500 }),
      },
      {
        laneId: 'LN-1004-02',
        origin: { city: 'Grand Rapids', region: 'MI' },
        destination: { city: 'Milwaukee', region: 'WI' },
        rateType: 'per_mile',
        rateCentsPerMile: 330,
        detention: { freeMinutes: 120, incrementMinutes: 15, hourlyRateCents: 6_500, capCents: 52_000 },
        accessorials: accessorials({ lumper: 27_500, layover: 35_000, tonu: 17_500, stopOff: 8_500 }),
      },
    ],
  },
];

export interface FuelSurchargeBand {
  /** Inclusive. */
  minDieselCents: number;
  /** Inclusive. */
  maxDieselCents: number;
  surchargeCentsPerMile: number;
}

/**
 * Bands ten cents of diesel wide from 300 to 609 cents a gallon, the surcharge rising two cents a mile per band
 * from 30 to 90 cents a mile.
 */
export const FUEL_SURCHARGE_BANDS: FuelSurchargeBand[] = Array.from({ length: 31 }, (_, band) => ({
  minDieselCents: 300 + band * 10,
  maxDieselCents: 309 + band * 10,
  surchargeCentsPerMile: 30 + band * 2,
}));

export interface DieselPriceRecord {
  /** The Monday the weekly national average was published. */
  weekOf: string;
  dieselCents: number;
}

/** Weekly national average diesel prices for the ten Mondays up to 2026-12-07, oldest first. */
export const DIESEL_PRICES: DieselPriceRecord[] = [
  { weekOf: '2026-10-05', dieselCents: 386 },
  { weekOf: '2026-10-12', dieselCents: 391 },
  { weekOf: '2026-10-19', dieselCents: 397 },
  { weekOf: '2026-10-26', dieselCents: 402 },
  { weekOf: '2026-11-02', dieselCents: 409 },
  { weekOf: '2026-11-09', dieselCents: 414 },
  { weekOf: '2026-11-16', dieselCents: 418 },
  { weekOf: '2026-11-23', dieselCents: 411 },
  { weekOf: '2026-11-30', dieselCents: 404 },
  { weekOf: '2026-12-07', dieselCents: 399 },
];
