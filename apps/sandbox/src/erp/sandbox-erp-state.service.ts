import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

import { type ErpCustomerRecord, SANDBOX_ERP_TENANT, SEED_CUSTOMERS } from './erp-seed.js';

const QUOTA_WINDOW_MS = 1_000;

export interface MaintenanceWindow {
  startsAt: string;
  endsAt: string;
}

/** Faults switched on at run time by tests, demos and benchmarks. */
export interface ErpFaults {
  /** Calls admitted in any sliding one-second window. */
  quotaPerSecond: number;
  latencyMs: number;
  /** Fraction (0..1) of admitted calls that fail with a 500 before doing anything. */
  errorRate: number;
  maintenance: MaintenanceWindow | null;
  /** Lifetime of tokens issued from now on. */
  tokenTtlSeconds: number;
  /** While set, every new invoice posting is refused with this 422, as an ERP does for a closed period. */
  postingRejection: PostingRejection | null;
}

/** The ERP's own refusal of an invoice posting: its code and its words. */
export interface PostingRejection {
  code: string;
  detail: string;
}

export const DEFAULT_ERP_FAULTS: Readonly<ErpFaults> = {
  quotaPerSecond: 20,
  latencyMs: 0,
  errorRate: 0,
  maintenance: null,
  tokenTtlSeconds: 900,
  postingRejection: null,
};

/** What the ERP does with an authenticated call, decided the moment it arrives. */
export type ErpAdmission =
  | { outcome: 'admitted' }
  | { outcome: 'failed' }
  | { outcome: 'maintenance'; retryAfterSeconds: number; endsAt: string }
  | { outcome: 'quota_exceeded'; retryAfterSeconds: number; quotaPerSecond: number };

export type ErpDocumentType = 'invoice' | 'credit_memo';

export interface ErpDocumentLine {
  kind: string;
  description: string;
  quantity: number;
  unit: string;
  rateCents: number;
  amountCents: number;
}

/** A posted invoice or credit memo as the ERP's API shows it. */
export interface ErpDocument {
  documentNumber: string;
  type: ErpDocumentType;
  externalReference: string;
  customerId: string;
  currency: string;
  lines: ErpDocumentLine[];
  taxCents: number;
  totalCents: number;
  postedAt: string;
  creditsDocumentNumber?: string;
}

/** A document plus what the ERP keeps beside it; the extra fields are shown by the inspection route only. */
export interface ErpDocumentRecord extends ErpDocument {
  idempotencyKey?: string;
  issuedAt?: string;
  purchaseOrder?: string;
  carrier?: { scac: string; name: string };
  reason?: string;
}

export interface ErpStats {
  tenant: string;
  calls: Record<string, number>;
  served429: number;
  served503: number;
  served500: number;
  documents: number;
}

const DOCUMENT_PREFIX: Record<ErpDocumentType, string> = { invoice: 'INV', credit_memo: 'CM' };

/**
 * Everything the sandbox ERP remembers: tokens, faults, the quota window, posted documents and call statistics.
 * Held in memory on purpose: the sandbox stands in for an external system, so nothing of it belongs in Lanegate's
 * databases, and a restart is a fresh tenant. Seed data (customers, contracts, fuel prices) is read-only.
 */
@Injectable()
export class SandboxErpState {
  readonly tenant = SANDBOX_ERP_TENANT;

  /** Copies of the seed, so that master-data changes stay in this sandbox and a reset restores the seed. */
  private readonly customers = new Map(SEED_CUSTOMERS.map((customer) => [customer.id, { ...customer }]));
  private readonly tokens = new Map<string, number>();
  private faults: ErpFaults = { ...DEFAULT_ERP_FAULTS };
  /** Arrival times of the calls admitted within the last quota window, oldest first. */
  private admittedAt: number[] = [];
  private readonly documents = new Map<string, ErpDocumentRecord>();
  private readonly numberByExternalReference = new Map<string, string>();
  private readonly numberByIdempotencyKey = new Map<string, string>();
  private readonly postedCentsByCustomer = new Map<string, number>();
  private readonly sequences = { invoice: 0, credit_memo: 0, taxQuote: 0 };
  private readonly calls = new Map<string, number>();

  currentFaults(): ErpFaults {
    return structuredClone(this.faults);
  }

  updateFaults(changes: Partial<ErpFaults>): ErpFaults {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    this.faults = { ...this.faults, ...defined };

    return this.currentFaults();
  }

  resetFaults(): ErpFaults {
    this.faults = { ...DEFAULT_ERP_FAULTS };

    return this.currentFaults();
  }

  /**
   * Decides an authenticated call's fate on arrival: maintenance first, then the quota, then the error rate.
   * Only calls the quota admits enter the window, so a client that keeps calling while throttled is not locked
   * out beyond the `Retry-After` it was given. `random` is a draw from [0, 1).
   */
  admit(now: number, random: number): ErpAdmission {
    const maintenance = this.faults.maintenance;
    if (maintenance && Date.parse(maintenance.startsAt) <= now && now < Date.parse(maintenance.endsAt)) {
      return {
        outcome: 'maintenance',
        retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(maintenance.endsAt) - now) / 1_000)),
        endsAt: maintenance.endsAt,
      };
    }

    this.admittedAt = this.admittedAt.filter((arrival) => arrival > now - QUOTA_WINDOW_MS);
    if (this.admittedAt.length >= this.faults.quotaPerSecond) {
      const freedAt = this.admittedAt[this.admittedAt.length - this.faults.quotaPerSecond] + QUOTA_WINDOW_MS;

      return {
        outcome: 'quota_exceeded',
        retryAfterSeconds: Math.max(1, Math.ceil((freedAt - now) / 1_000)),
        quotaPerSecond: this.faults.quotaPerSecond,
      };
    }
    this.admittedAt.push(now);

    return random < this.faults.errorRate ? { outcome: 'failed' } : { outcome: 'admitted' };
  }

  issueToken(now: number): { token: string; expiresIn: number } {
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt <= now) {
        this.tokens.delete(token);
      }
    }
    const token = randomBytes(24).toString('base64url');
    const expiresIn = this.faults.tokenTtlSeconds;
    this.tokens.set(token, now + expiresIn * 1_000);

    return { token, expiresIn };
  }

  /** Ends every token issued so far, as an ERP does when it rotates its signing keys; new ones are still issued. */
  expireTokens(): void {
    this.tokens.clear();
  }

  isTokenValid(token: string, now: number): boolean {
    const expiresAt = this.tokens.get(token);

    return expiresAt !== undefined && expiresAt > now;
  }

  recordCall(operation: string, status: number): void {
    const key = `${operation} ${status}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  stats(): ErpStats {
    const served = (status: number): number =>
      [...this.calls].filter(([key]) => key.endsWith(` ${status}`)).reduce((sum, [, count]) => sum + count, 0);

    return {
      tenant: this.tenant,
      calls: Object.fromEntries([...this.calls].sort(([a], [b]) => a.localeCompare(b))),
      served429: served(429),
      served503: served(503),
      served500: served(500),
      documents: this.documents.size,
    };
  }

  customer(customerId: string): ErpCustomerRecord | undefined {
    return this.customers.get(customerId);
  }

  /** Changes a customer's master data as the ERP's users do: a credit hold, a new PO rule, broken tax data. */
  updateCustomer(
    customerId: string,
    changes: Partial<Pick<ErpCustomerRecord, 'status' | 'creditLimitCents' | 'poRequired' | 'rejectsTax'>>,
  ): ErpCustomerRecord | undefined {
    const customer = this.customers.get(customerId);
    if (customer === undefined) {
      return undefined;
    }
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    Object.assign(customer, defined);

    return { ...customer };
  }

  nextDocumentNumber(type: ErpDocumentType): string {
    this.sequences[type] += 1;

    return `${DOCUMENT_PREFIX[type]}-${String(this.sequences[type]).padStart(6, '0')}`;
  }

  nextTaxQuoteId(): string {
    this.sequences.taxQuote += 1;

    return `TQ-${String(this.sequences.taxQuote).padStart(6, '0')}`;
  }

  saveDocument(record: ErpDocumentRecord): void {
    this.documents.set(record.documentNumber, record);
    this.numberByExternalReference.set(record.externalReference, record.documentNumber);
    this.postedCentsByCustomer.set(record.customerId, this.postedTotalCents(record.customerId) + record.totalCents);
    if (record.idempotencyKey !== undefined) {
      this.numberByIdempotencyKey.set(idempotencySlot(record.type, record.idempotencyKey), record.documentNumber);
    }
  }

  /** Net total of the documents posted for the customer since the sandbox started or was reset. */
  postedTotalCents(customerId: string): number {
    return this.postedCentsByCustomer.get(customerId) ?? 0;
  }

  document(documentNumber: string): ErpDocumentRecord | undefined {
    return this.documents.get(documentNumber);
  }

  documentByExternalReference(externalReference: string): ErpDocumentRecord | undefined {
    const documentNumber = this.numberByExternalReference.get(externalReference);

    return documentNumber === undefined ? undefined : this.documents.get(documentNumber);
  }

  /** Idempotency keys are scoped to the document type, as they are to the route in most ERPs. */
  documentByIdempotencyKey(type: ErpDocumentType, key: string): ErpDocumentRecord | undefined {
    const documentNumber = this.numberByIdempotencyKey.get(idempotencySlot(type, key));

    return documentNumber === undefined ? undefined : this.documents.get(documentNumber);
  }

  /** Every document held, oldest first. */
  allDocuments(): ErpDocumentRecord[] {
    return [...this.documents.values()];
  }

  /** Clears documents, statistics, numbering and the quota window, and restores the seeded master data. */
  reset(): void {
    for (const seeded of SEED_CUSTOMERS) {
      this.customers.set(seeded.id, { ...seeded });
    }
    this.documents.clear();
    this.numberByExternalReference.clear();
    this.numberByIdempotencyKey.clear();
    this.postedCentsByCustomer.clear();
    this.sequences.invoice = 0;
    this.sequences.credit_memo = 0;
    this.sequences.taxQuote = 0;
    this.calls.clear();
    this.admittedAt = [];
  }
}

function idempotencySlot(type: ErpDocumentType, key: string): string {
  return `${type} ${key}`;
}
