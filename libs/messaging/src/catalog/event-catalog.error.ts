import { ApplicationError, type FieldViolation } from '@lanegate/platform';

export type EventCatalogErrorCode =
  'EVENT_TYPE_UNKNOWN' | 'EVENT_DATA_INVALID' | 'EVENT_UPCAST_CHAIN_BROKEN' | 'EVENT_CATALOG_INVALID';

// Unknown types and invalid data can come from outside (a vendor, an old producer); the other two are our bugs.
const PROBLEMS: Readonly<Record<EventCatalogErrorCode, { status: number; title: string }>> = {
  EVENT_TYPE_UNKNOWN: { status: 422, title: 'Unknown event type' },
  EVENT_DATA_INVALID: { status: 422, title: 'Event data does not match its schema' },
  EVENT_UPCAST_CHAIN_BROKEN: { status: 500, title: 'Event cannot be upcast to its current version' },
  EVENT_CATALOG_INVALID: { status: 500, title: 'Event catalog registration is invalid' },
};

/** Raised by {@link EventCatalog}: an unknown type, data that breaks its schema, a missing upcaster, a bad entry. */
export class EventCatalogError extends ApplicationError {
  declare readonly code: EventCatalogErrorCode;

  constructor(
    code: EventCatalogErrorCode,
    detail: string,
    options: { errors?: FieldViolation[]; extensions?: Record<string, unknown> } = {},
  ) {
    super({ code, ...PROBLEMS[code], detail, ...options });
  }
}
