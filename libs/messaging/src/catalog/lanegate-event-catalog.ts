import { EventCatalog } from './event-catalog.js';
import { BILLING_HOLD_EVENTS } from './events/billing-hold.event.js';
import { DISPATCH_EVENTS } from './events/dispatch.event.js';
import { INVOICE_EVENTS } from './events/invoice.event.js';
import { SHIPMENT_EVENTS } from './events/shipment.event.js';

/**
 * Every event type Lanegate publishes, with its upcasters; the AsyncAPI document in `openapi/` is generated from it.
 * A new version of a type is a new registration plus an upcaster from the previous version.
 */
export const EVENT_CATALOG = new EventCatalog().register(
  ...DISPATCH_EVENTS,
  ...SHIPMENT_EVENTS,
  ...BILLING_HOLD_EVENTS,
  ...INVOICE_EVENTS,
);
