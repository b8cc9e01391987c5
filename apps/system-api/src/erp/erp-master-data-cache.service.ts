import { Inject, Injectable } from '@nestjs/common';

import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { type ErpMetrics, erpMetrics } from './erp.metrics.js';

/** The ERP master data the system layer serves from its cache. */
export const ERP_CACHE_KINDS = ['customer', 'contract', 'fuel'] as const;
export type ErpCacheKind = (typeof ERP_CACHE_KINDS)[number];

/** What to drop from the cache: everything, one kind, every kind under one key, or one entry. */
export interface ErpCacheSelection {
  kind?: ErpCacheKind;
  key?: string;
}

interface Entry {
  kind: ErpCacheKind;
  key: string;
  value: Promise<unknown>;
  expiresAt: number;
}

/** The key of the fuel surcharge table, of which there is only one. */
export const FUEL_TABLE_KEY = 'table';

/**
 * Customers, contracts and the fuel surcharge table, kept for `ERP_CACHE_TTL_SECONDS` so that lookups spend none of
 * the ERP's quota, which belongs to postings. Concurrent misses for one entry share a single ERP call; a failed
 * call is not cached.
 */
@Injectable()
export class ErpMasterDataCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly metrics: ErpMetrics = erpMetrics();

  constructor(@Inject(LANEGATE_CONFIG) config: LanegateConfig) {
    this.ttlMs = config.erp.cacheTtlSeconds * 1000;
  }

  async get<T>(kind: ErpCacheKind, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${kind}:${key}`;
    const cached = this.entries.get(id);
    if (cached && cached.expiresAt > Date.now()) {
      this.metrics.cacheLookups.inc({ kind, outcome: 'hit' });

      return cached.value as Promise<T>;
    }

    this.metrics.cacheLookups.inc({ kind, outcome: 'miss' });
    if (this.ttlMs === 0) {
      return load();
    }
    const value = load();
    const entry: Entry = { kind, key, value, expiresAt: Date.now() + this.ttlMs };
    this.entries.set(id, entry);
    value.catch(() => {
      if (this.entries.get(id) === entry) {
        this.entries.delete(id);
      }
    });

    return value;
  }

  /** Drops the selected entries and says how many there were. */
  invalidate(selection: ErpCacheSelection = {}): number {
    let dropped = 0;
    for (const [id, entry] of this.entries) {
      const kindMatches = selection.kind === undefined || entry.kind === selection.kind;
      const keyMatches = selection.key === undefined || entry.key === selection.key;
      if (kindMatches && keyMatches) {
        this.entries.delete(id);
        dropped += 1;
      }
    }

    return dropped;
  }
}
