// Public API of @lanegate/domain: the canonical model, free of any framework.

export { DomainError, type DomainErrorOptions } from './shared/domain.error.js';
export { type IsoDate, type IsoUtcTimestamp, isIsoDate, isIsoUtc, parseIsoUtc } from './shared/iso-time.js';
export { isWholeMiles } from './shared/miles.js';
export {
  type CurrencyCode,
  type Money,
  type Ratio,
  addCents,
  addMoney,
  assertCents,
  decimalAmount,
  isCents,
  isCurrencyCode,
  money,
  multiplyCents,
  multiplyMoney,
  sumMoney,
} from './shared/money.js';

export { type Carrier, createCarrier, isScac } from './parties/carrier.js';
export {
  CUSTOMER_STATUSES,
  type Customer,
  type CustomerBillingRules,
  type CustomerStatus,
  availableCreditCents,
} from './parties/customer.js';

export { type ProofOfDelivery, createProofOfDelivery } from './shipment/proof-of-delivery.js';
export {
  type CreateShipmentInput,
  type Shipment,
  type ShipmentReferences,
  createShipment,
} from './shipment/shipment.js';
export {
  ACTIVE_SHIPMENT_STATUSES,
  type ActiveShipmentStatus,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  TERMINAL_SHIPMENT_STATUSES,
  type TerminalShipmentStatus,
  isActiveShipmentStatus,
  isShipmentStatus,
  isTerminalShipmentStatus,
} from './shipment/shipment-status.js';
export {
  INITIAL_SHIPMENT_STATUS_STATE,
  SHIPMENT_STATUS_TRANSITIONS,
  type ShipmentStatusState,
  TERMINAL_STATUS_REASONS,
  TRANSITION_REJECTION_CODES,
  type TransitionRejection,
  type TransitionRejectionCode,
  type TransitionResult,
  allowedNextStatuses,
  assertTransition,
  canTransition,
  transition,
} from './shipment/shipment-status-machine.js';
export {
  type AppointmentWindow,
  STOP_TYPES,
  type Stop,
  type StopLocation,
  type StopType,
  findStop,
  firstPickup,
  sortStops,
} from './shipment/stop.js';

export {
  type AccessorialData,
  type AccessorialRejectedData,
  type AccessorialSubmittedData,
  type AssignmentData,
  type CancelledData,
  DISPATCH_EVENT_KINDS,
  type DispatchEvent,
  type DispatchEventHeader,
  type DispatchEventKind,
  type DispatchEventOf,
  type DispatchEventPayloads,
  type ExceptionClearedData,
  type ExceptionRaisedData,
  type StopEventData,
  compareDispatchEvents,
  isDispatchEventKind,
} from './dispatch/dispatch-event.js';
export {
  ACCESSORIAL_STATES,
  type AccessorialState,
  type CarrierAssignment,
  type OpenException,
  PROJECTION_NOTE_CODES,
  PROJECTION_OUTCOMES,
  PROJECTION_REJECTION_CODES,
  type PlannedStop,
  type ProjectedAccessorial,
  type ProjectedStop,
  type ProjectionBase,
  type ProjectionDecision,
  type ProjectionNote,
  type ProjectionNoteCode,
  type ProjectionOutcome,
  type ProjectionRejectionCode,
  type ShipmentProjection,
  projectShipment,
} from './dispatch/shipment-projection.js';

export {
  BILLING_RULE_ERROR_CODES,
  type BillingRuleError,
  type BillingRuleErrorCode,
  type BillingRuleResult,
} from './billing/billing-rule-result.js';
export {
  BILLING_HOLD_REASONS,
  type BillingHoldReason,
  type BillingReadiness,
  type BillingReadinessInput,
  type ErpRejection,
  TAX_STATUSES,
  type TaxStatus,
  assessBillingReadiness,
} from './billing/billing-readiness.js';
export {
  APPROVAL_REQUIRED_ACCESSORIAL_KINDS,
  type AccessorialKind,
  CHARGE_KINDS,
  CHARGE_QUANTITY_UNITS,
  CHARGE_RATE_UNITS,
  type Charge,
  type ChargeKind,
  type ChargeQuantityUnit,
  type ChargeRateUnit,
  SUBMITTED_ACCESSORIAL_KINDS,
  createCharge,
  requiresApproval,
  sumChargeCents,
} from './billing/charge.js';
export { DETENTION_RULE, type DetentionInput, type DetentionTerms, rateDetention } from './billing/detention.rule.js';
export {
  type DieselPrice,
  FUEL_SURCHARGE_RULE,
  type FuelSurchargeBand,
  type FuelSurchargeInput,
  type FuelSurchargeTable,
  findDieselPrice,
  rateFuelSurcharge,
} from './billing/fuel-surcharge.rule.js';
export {
  type CreateInvoiceInput,
  INVOICE_KINDS,
  INVOICE_STATUSES,
  type Invoice,
  type InvoiceKind,
  type InvoiceStatus,
  createInvoice,
  creditMemoFor,
} from './billing/invoice.js';
export {
  type BuildInvoiceInput,
  INVOICE_BUILD_PROBLEM_CODES,
  INVOICE_LINE_DESCRIPTION_MAX,
  type InvoiceBuildProblemCode,
  type InvoiceBuildResult,
  type InvoiceCorrection,
  type InvoiceCorrectionInput,
  type InvoiceDocument,
  type InvoiceDocumentLine,
  type InvoiceLineUnit,
  type TaxQuote,
  buildInvoice,
  decideInvoiceCorrection,
  invoiceDocumentOf,
} from './billing/invoice-document.js';
export {
  LINEHAUL_FLAT_RULE,
  LINEHAUL_PER_MILE_RULE,
  type LaneRate,
  type LinehaulInput,
  rateLinehaul,
} from './billing/linehaul.rule.js';
export {
  ACCESSORIAL_APPROVED_AMOUNT_RULE,
  ACCESSORIAL_CONTRACT_PRICE_RULE,
  type AccessorialPrice,
  type ShipmentContract,
  type ShipmentRating,
  type ShipmentRatingInput,
  rateShipment,
} from './billing/shipment-rating.js';
