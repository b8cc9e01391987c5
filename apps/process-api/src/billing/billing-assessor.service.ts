import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import {
  assessBillingReadiness,
  type BillingReadiness,
  type Customer,
  type ShipmentProjection,
  type ShipmentRating,
  rateShipment,
} from '@lanegate/domain';
import type { BillingReviewRequestedData, LanegateEvent } from '@lanegate/messaging';
import { ApplicationError, UpstreamUnavailableError } from '@lanegate/platform';

import { ShipmentProjections } from '../projection/index.js';
import { laneEndsOf } from '../shipments/shipment-admission.service.js';
import { ShipmentEntity } from '../shipments/shipment.entity.js';
import { SystemApiClient } from '../system-api/system-api.client.js';
import {
  type BillingAssessment,
  chargesFingerprint,
  type StoredTaxQuote,
  type StoredTaxRefusal,
} from './billing-assessment.js';
import { describeHolds, type StoredErpRejection } from './billing-holds.js';
import { BillingLedger } from './billing-ledger.service.js';
import { customerOf, fuelScheduleOf, laneFor, shipmentContractOf } from './master-data.js';
import { ShipmentPostings } from './shipment-postings.service.js';
import { ShipmentBillingEntity } from './shipment-billing.entity.js';

/** Hold reasons that the dispatch projection alone decides; the rest need the ERP's master data. */
const PROJECTION_HOLDS = ['awaiting_delivery', 'awaiting_pod', 'accessorial_pending', 'exception_open'] as const;

interface Pricing {
  readonly customer: Customer;
  readonly rating: ShipmentRating;
}

/**
 * Assesses a shipment's billing from scratch each time it is asked: reads the dispatch projection, fetches the
 * customer, contract and fuel table through the system API, rates, gets the ERP's tax quote once the shipment is
 * delivered, decides readiness and, when ready, posts what the ERP is missing. Everything outside the database
 * happens here, before the consumer's transaction; the returned commit records it.
 */
@Injectable()
export class BillingAssessor {
  private readonly logger = new Logger(BillingAssessor.name);

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(ShipmentProjections) private readonly projections: ShipmentProjections,
    @Inject(SystemApiClient) private readonly system: SystemApiClient,
    @Inject(ShipmentPostings) private readonly postings: ShipmentPostings,
    @Inject(BillingLedger) private readonly ledger: BillingLedger,
  ) {}

  async prepare(event: LanegateEvent): Promise<(manager: EntityManager) => Promise<void>> {
    const shipmentId = event.subject ?? '';
    const review = event.type.startsWith('lanegate.billing.review_requested.')
      ? (event.data as BillingReviewRequestedData)
      : null;
    const [shipment, stored, previous] = await Promise.all([
      this.dataSource.manager.findOneBy(ShipmentEntity, { id: shipmentId }),
      this.projections.find(shipmentId),
      this.dataSource.manager.findOneBy(ShipmentBillingEntity, { shipmentId }),
    ]);
    if (shipment === null || stored === null) {
      this.logger.warn({ shipmentId, eventId: event.id }, 'billing assessment skipped: the shipment is not projected');

      return () => Promise.resolve();
    }

    const { projection } = stored;
    const billable = projection.deliveredAt !== null || projection.status === 'cancelled';
    if (review !== null) {
      // The operator fixed master data in the ERP: read it afresh, not from the system layer's cache.
      await this.system.forgetCustomer(shipment.customerId);
    }
    const pricing = await this.pricing(shipment, projection, billable);
    const tax = await this.tax({ shipment, rating: pricing?.rating ?? null, previous, review, billable });
    const erpRejection = this.erpRejection(previous, review);
    const readiness = this.readiness({ shipment, projection, pricing, taxStatus: tax.taxStatus, erpRejection });
    const assessedAt = new Date();
    const posting =
      readiness.ready && pricing !== null && pricing.rating.charges.length > 0 && tax.taxQuote !== null
        ? await this.postings.bring({
            shipment,
            projection,
            rating: pricing.rating,
            taxQuote: tax.taxQuote,
            correlationId: event.correlationid,
          })
        : { invoices: await this.postings.invoicesOf(shipmentId), outcomes: [] };
    const rejected = posting.outcomes.find((outcome) => outcome.type === 'rejected');

    const assessment: BillingAssessment = {
      shipmentId,
      correlationId: event.correlationid,
      trigger:
        review === null ? `${event.type}` : `billing review requested by ${review.requestedBy}: ${review.reason}`,
      projection,
      projectionVersion: stored.version,
      carrier: projection.carrier,
      rating: pricing?.rating ?? null,
      ...tax,
      erpRejection:
        rejected?.type === 'rejected'
          ? {
              invoiceId: rejected.row.id,
              code: rejected.refusal.code,
              detail: rejected.refusal.detail,
              rejectedAt: assessedAt.toISOString(),
              resolvedAt: null,
            }
          : erpRejection,
      readiness: rejected === undefined ? readiness : { ready: false, holds: [...readiness.holds, 'erp_rejected'] },
      holds: [],
      invoices: posting.invoices,
      outcomes: posting.outcomes,
      assessedAt,
    };
    const withHolds: BillingAssessment = {
      ...assessment,
      holds: describeHolds(assessment.readiness, {
        projection,
        customer: pricing?.customer ?? null,
        purchaseOrder: shipment.purchaseOrder,
        rating: assessment.rating,
        taxStatus: assessment.taxStatus,
        taxRefusal: assessment.taxRefusal,
        erpRejection: assessment.erpRejection,
      }),
    };

    return (manager) => this.ledger.record(manager, withHolds);
  }

  /** The customer and the rating, or null when the system API is down and nothing is billable yet. */
  private async pricing(
    shipment: ShipmentEntity,
    projection: ShipmentProjection,
    billable: boolean,
  ): Promise<Pricing | null> {
    try {
      const [account, contract, fuel] = await Promise.all([
        this.system.customer(shipment.customerId),
        this.system.contract(shipment.customerId),
        this.system.fuelSurcharge(),
      ]);
      const customer = customerOf(account);
      const lane =
        contract.lanes.find((candidate) => candidate.laneId === shipment.laneId) ??
        laneFor(contract, laneEndsOf({ stops: [...(shipment.stops ?? [])].sort((a, b) => a.sequence - b.sequence) }));
      if (lane === undefined) {
        return { customer, rating: { charges: [], problems: [noLane(contract.id, shipment)] } };
      }
      const schedule = fuelScheduleOf(fuel, contract.currency);

      return {
        customer,
        rating: rateShipment({
          projection,
          contract: shipmentContractOf(contract, lane),
          fuelSurchargeTable: schedule.table,
          dieselPrices: schedule.dieselPrices,
          currency: customer.billingRules.currency,
        }),
      };
    } catch (error) {
      if (!billable && error instanceof UpstreamUnavailableError) {
        this.logger.warn(
          { shipmentId: shipment.id },
          'master data unavailable; billing holds of the undelivered shipment recorded from dispatch alone',
        );

        return null;
      }
      throw error;
    }
  }

  /**
   * The ERP's tax quote once the shipment is billable and rated. A quote (or a refusal) is kept for the charges it
   * was given for and asked again only when they change, or when an operator asks for a review.
   */
  private async tax(input: {
    shipment: ShipmentEntity;
    rating: ShipmentRating | null;
    previous: ShipmentBillingEntity | null;
    review: BillingReviewRequestedData | null;
    billable: boolean;
  }): Promise<Pick<BillingAssessment, 'taxStatus' | 'taxQuote' | 'taxRefusal' | 'taxQuotedNow'>> {
    const { shipment, rating, previous, review, billable } = input;
    if (!billable || rating === null || rating.problems.length > 0 || rating.charges.length === 0) {
      return { taxStatus: 'pending', taxQuote: null, taxRefusal: null, taxQuotedNow: false };
    }

    const fingerprint = chargesFingerprint(rating.charges);
    const quoted = parsed<StoredTaxQuote>(previous?.taxQuote);
    const refused = parsed<StoredTaxRefusal>(previous?.taxRefusal);
    if (review === null && quoted?.chargesFingerprint === fingerprint) {
      return { taxStatus: 'resolved', taxQuote: quoted, taxRefusal: null, taxQuotedNow: false };
    }
    if (review === null && refused?.chargesFingerprint === fingerprint) {
      return { taxStatus: 'failed', taxQuote: null, taxRefusal: refused, taxQuotedNow: false };
    }

    const stops = [...(shipment.stops ?? [])].sort((a, b) => a.sequence - b.sequence);
    const shipTo = stops[stops.length - 1];
    try {
      const quote = await this.system.quoteTax({
        customerId: shipment.customerId,
        shipTo: { region: shipTo.region, postalCode: shipTo.postalCode, country: shipTo.country },
        lines: rating.charges.map((charge) => ({ kind: charge.kind, amountCents: charge.amountCents })),
      });

      return {
        taxStatus: 'resolved',
        taxQuote: { ...quote, chargesFingerprint: fingerprint, quotedAt: new Date().toISOString() },
        taxRefusal: null,
        taxQuotedNow: true,
      };
    } catch (error) {
      if (error instanceof ApplicationError && error.status >= 400 && error.status < 500) {
        return {
          taxStatus: 'failed',
          taxQuote: null,
          taxRefusal: { code: error.code, detail: error.message, chargesFingerprint: fingerprint },
          taxQuotedNow: true,
        };
      }
      throw error;
    }
  }

  /** The ERP's last rejection, resolved when an operator says its cause is fixed. */
  private erpRejection(
    previous: ShipmentBillingEntity | null,
    review: BillingReviewRequestedData | null,
  ): StoredErpRejection | null {
    const rejection = parsed<StoredErpRejection>(previous?.erpRejection);
    if (rejection !== null && rejection.resolvedAt === null && review?.erpRejectionResolved === true) {
      return { ...rejection, resolvedAt: new Date().toISOString() };
    }

    return rejection;
  }

  private readiness(input: {
    shipment: ShipmentEntity;
    projection: ShipmentProjection;
    pricing: Pricing | null;
    taxStatus: BillingAssessment['taxStatus'];
    erpRejection: StoredErpRejection | null;
  }): BillingReadiness {
    const { shipment, projection, pricing, taxStatus, erpRejection } = input;
    if (pricing === null) {
      const partial = assessBillingReadiness({
        projection,
        customer: UNKNOWN_CUSTOMER,
        references: {},
        rating: { charges: [], problems: [] },
        taxStatus,
        lastErpRejection: erpRejection,
      });
      const holds = partial.holds.filter((reason) => (PROJECTION_HOLDS as readonly string[]).includes(reason));

      // Not ready either way: the rest of the assessment waits for master data.
      return { ready: false, holds };
    }

    return assessBillingReadiness({
      projection,
      customer: pricing.customer,
      references: { poNumber: shipment.purchaseOrder ?? undefined },
      rating: pricing.rating,
      taxStatus,
      lastErpRejection: erpRejection,
    });
  }
}

/** Stands in for master data that could not be read; only the projection's holds are kept from its assessment. */
const UNKNOWN_CUSTOMER: Customer = {
  id: 'unknown',
  name: 'unknown',
  status: 'active',
  creditLimitCents: 0,
  openBalanceCents: 0,
  billingRules: { poRequired: false, currency: 'USD', taxRegion: 'unknown', paymentTermsDays: 0 },
};

function noLane(contractId: string, shipment: ShipmentEntity): ShipmentRating['problems'][number] {
  return {
    code: 'INVALID_INPUT',
    rule: 'contract.lane.v1',
    message: `Contract ${contractId} no longer prices the lane ${shipment.laneId ?? 'of the shipment'}.`,
  };
}

function parsed<T>(json: string | null | undefined): T | null {
  return json === null || json === undefined ? null : (JSON.parse(json) as T);
}
