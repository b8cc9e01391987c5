import { Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

import { ApplicationError } from '@lanegate/platform';

import type { TenderRequestDto } from './dispatch-tenders.dto.js';
import { SandboxDispatchState, type TenderRecord } from './sandbox-dispatch-state.service.js';

export interface TenderOutcome {
  /** True the first time the tender arrives. */
  created: boolean;
  record: TenderRecord;
}

/** Receives tenders once per tender id, behind the platform's faults (refusals before recording, slow answers after). */
@Injectable()
export class DispatchTendersService {
  private readonly logger = new Logger(DispatchTendersService.name);
  private platformLoadNumber = 0;

  constructor(private readonly state: SandboxDispatchState) {}

  async receive(tender: TenderRequestDto, idempotencyKey: string | undefined): Promise<TenderOutcome> {
    const admission = this.state.admitTender(Math.random());
    if (admission.outcome === 'failed') {
      throw new ApplicationError({
        code: 'DISPATCH_PLATFORM_UNAVAILABLE',
        status: 503,
        title: 'Dispatch platform unavailable',
        detail: 'The platform could not take the tender now; nothing was recorded. Retry later.',
        headers: { 'Retry-After': String(admission.retryAfterSeconds) },
      });
    }

    const outcome = this.record(tender, idempotencyKey);
    const { tenderLatencyMs } = this.state.currentFaults();
    if (tenderLatencyMs > 0) {
      await sleep(tenderLatencyMs);
    }

    return outcome;
  }

  private record(tender: TenderRequestDto, idempotencyKey: string | undefined): TenderOutcome {
    const existing = this.state.tender(tender.tenderId);
    if (existing) {
      if (existing.shipmentId !== tender.shipmentId) {
        throw new ApplicationError({
          code: 'TENDER_CONFLICT',
          status: 409,
          title: 'Tender id already used',
          detail: `Tender ${tender.tenderId} was received for shipment ${existing.shipmentId}, not ${tender.shipmentId}.`,
        });
      }
      existing.receipts += 1;
      if (idempotencyKey !== undefined && !existing.idempotencyKeys.includes(idempotencyKey)) {
        existing.idempotencyKeys.push(idempotencyKey);
      }
      this.logger.debug({ tenderId: tender.tenderId, receipts: existing.receipts }, 'tender repeated; nothing changes');

      return { created: false, record: existing };
    }

    this.platformLoadNumber += 1;
    const record: TenderRecord = {
      tenderId: tender.tenderId,
      platformLoadId: `PL-${String(this.platformLoadNumber).padStart(6, '0')}`,
      shipmentId: tender.shipmentId,
      tender: structuredClone({ ...tender }),
      receivedAt: new Date().toISOString(),
      receipts: 1,
      idempotencyKeys: idempotencyKey === undefined ? [] : [idempotencyKey],
    };
    this.state.saveTender(record);

    return { created: true, record };
  }
}
