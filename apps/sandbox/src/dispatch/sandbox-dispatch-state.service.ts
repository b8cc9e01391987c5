import { Injectable } from '@nestjs/common';

import type { LifecycleStep, LoadFormat, LoadPlan } from './load-lifecycle.generator.js';

/** Faults of the platform switched on at run time by tests, demos and benchmarks. */
export interface DispatchFaults {
  /** Fraction (0..1) of messages delivered a second time, with the same webhook-id and body. */
  duplicateRate: number;
  /** Fraction (0..1) of messages swapped with the message after them. */
  reorderRate: number;
  /** Extra delay before each message, drawn from this range, in milliseconds. */
  delayMs: { min: number; max: number };
  /** Delay before the platform answers a tender it has recorded. */
  tenderLatencyMs: number;
  /** Fraction (0..1) of tenders answered 503 before they are recorded. */
  tenderErrorRate: number;
  /** The next this-many tenders are answered 503 before they are recorded, whatever the error rate. */
  failNextTenders: number;
  /** `Retry-After` of a tender answered 503, in seconds. */
  tenderRetryAfterSeconds: number;
}

export const DEFAULT_DISPATCH_FAULTS: Readonly<DispatchFaults> = {
  duplicateRate: 0,
  reorderRate: 0,
  delayMs: { min: 0, max: 0 },
  tenderLatencyMs: 0,
  tenderErrorRate: 0,
  failNextTenders: 0,
  tenderRetryAfterSeconds: 1,
};

export type MessageStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

/** One try at sending a message. */
export interface DeliveryAttempt {
  at: string;
  /** The HTTP status answered; absent when no answer came. */
  status?: number;
  /** Why no answer came. */
  error?: string;
  /** This try sent a duplicate of an already delivered message. */
  duplicate: boolean;
}

/** One lifecycle step as the platform delivered it. */
export interface DispatchMessageRecord {
  /** The step's position in the lifecycle, from 1. */
  sequence: number;
  kind: LifecycleStep['kind'];
  occurredAt: string;
  status: MessageStatus;
  /** Why the load's format could not carry the step. */
  skippedReason?: string;
  channel?: 'tms' | 'canonical';
  /** The receiving route. */
  path?: string;
  /** Standard Webhooks `webhook-id`, the same on every try and duplicate. */
  webhookId?: string;
  /** Place in delivery order, from 1. */
  deliveryOrder?: number;
  /** Sent out of lifecycle order on purpose. */
  reordered: boolean;
  /** Sent twice on purpose. */
  duplicated: boolean;
  attempts: DeliveryAttempt[];
  /** The last answer's status. */
  answerStatus?: number;
  /** The last answer's body: JSON as parsed, else text. */
  answer?: unknown;
  /** The body as sent. */
  body?: string;
}

export interface DispatchLoadRecord {
  loadId: string;
  shipmentId: string;
  format: LoadFormat;
  /** Seed of the lifecycle (when generated) and of the faults; drawn at random when the caller gives none. */
  seed: number;
  scripted: boolean;
  /** Lifecycle seconds played per real second; 0 plays as fast as possible. */
  timeScale: number;
  correlationId: string;
  plan: LoadPlan;
  steps: LifecycleStep[];
  messages: DispatchMessageRecord[];
  status: 'delivering' | 'completed';
  startedAt: string;
  completedAt?: string;
}

export interface TenderRecord {
  tenderId: string;
  platformLoadId: string;
  shipmentId: string;
  tender: Record<string, unknown>;
  receivedAt: string;
  /** Times the tender arrived; repeats beyond the first changed nothing. */
  receipts: number;
  /** Idempotency-Key headers seen with it. */
  idempotencyKeys: string[];
}

/** What a tender's arrival turns into, decided the moment it arrives. */
export type TenderAdmission = { outcome: 'admitted' } | { outcome: 'failed'; retryAfterSeconds: number };

export interface DispatchStats {
  loads: number;
  messages: Record<MessageStatus, number>;
  /** Answers to the platform's sends, by HTTP status, or `error` when none came. */
  answers: Record<string, number>;
  duplicatesSent: number;
  reordered: number;
  tenders: number;
  tenderRepeats: number;
  tendersRefused: number;
}

/**
 * Everything the sandbox dispatch platform remembers: loads and what was delivered of them, tenders received,
 * faults and statistics. Held in memory on purpose, like the sandbox ERP: a restart is a fresh platform.
 */
@Injectable()
export class SandboxDispatchState {
  private faults: DispatchFaults = structuredClone(DEFAULT_DISPATCH_FAULTS);
  private readonly loads = new Map<string, DispatchLoadRecord>();
  private readonly tenders = new Map<string, TenderRecord>();
  private readonly answers = new Map<string, number>();
  private tendersRefused = 0;
  private loadNumber = 0;
  private controlNumber = 0;

  currentFaults(): DispatchFaults {
    return structuredClone(this.faults);
  }

  updateFaults(changes: Partial<DispatchFaults>): DispatchFaults {
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    this.faults = { ...this.faults, ...structuredClone(defined) };

    return this.currentFaults();
  }

  resetFaults(): DispatchFaults {
    this.faults = structuredClone(DEFAULT_DISPATCH_FAULTS);

    return this.currentFaults();
  }

  nextLoadId(): string {
    this.loadNumber += 1;

    return `LD-${String(this.loadNumber).padStart(6, '0')}`;
  }

  /** A fresh X12 interchange control number; ISA13 has nine digits. */
  nextControlNumber(): number {
    this.controlNumber = (this.controlNumber % 999_999_999) + 1;

    return this.controlNumber;
  }

  saveLoad(load: DispatchLoadRecord): void {
    this.loads.set(load.loadId, load);
  }

  load(loadId: string): DispatchLoadRecord | undefined {
    return this.loads.get(loadId);
  }

  allLoads(): DispatchLoadRecord[] {
    return [...this.loads.values()];
  }

  recordAnswer(status: number | undefined): void {
    const key = status === undefined ? 'error' : String(status);
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
  }

  /** Decides a tender's fate on arrival: the forced failures first, then the error rate. `random` is from [0, 1). */
  admitTender(random: number): TenderAdmission {
    const failed = { outcome: 'failed', retryAfterSeconds: this.faults.tenderRetryAfterSeconds } as const;
    if (this.faults.failNextTenders > 0) {
      this.faults.failNextTenders -= 1;
      this.tendersRefused += 1;

      return failed;
    }
    if (random < this.faults.tenderErrorRate) {
      this.tendersRefused += 1;

      return failed;
    }

    return { outcome: 'admitted' };
  }

  tender(tenderId: string): TenderRecord | undefined {
    return this.tenders.get(tenderId);
  }

  saveTender(record: TenderRecord): void {
    this.tenders.set(record.tenderId, record);
  }

  allTenders(): TenderRecord[] {
    return [...this.tenders.values()];
  }

  stats(): DispatchStats {
    const messages = [...this.loads.values()].flatMap((load) => load.messages);
    const count = (status: MessageStatus): number => messages.filter((message) => message.status === status).length;

    return {
      loads: this.loads.size,
      messages: {
        pending: count('pending'),
        delivered: count('delivered'),
        failed: count('failed'),
        skipped: count('skipped'),
      },
      answers: Object.fromEntries([...this.answers].sort(([a], [b]) => a.localeCompare(b))),
      duplicatesSent: messages.filter((message) => message.duplicated).length,
      reordered: messages.filter((message) => message.reordered).length,
      tenders: this.tenders.size,
      tenderRepeats: [...this.tenders.values()].reduce((sum, tender) => sum + tender.receipts - 1, 0),
      tendersRefused: this.tendersRefused,
    };
  }

  /** Forgets loads, tenders and statistics; faults stay. */
  reset(): void {
    this.loads.clear();
    this.tenders.clear();
    this.answers.clear();
    this.tendersRefused = 0;
  }
}
