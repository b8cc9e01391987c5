import { Injectable } from '@nestjs/common';

import type { StatusMapping, StatusTable, VendorFormat } from './mapping/status-mapping.js';
import { NmftaEventBatchFormat } from './nmfta/nmfta-event-batch.format.js';
import { TracklineWebhookFormat } from './trackline/trackline-webhook.format.js';
import { X12ShipmentStatusFormat } from './x12/x12-214.format.js';

/** The inbound dispatch formats the system layer reads, by vendor name, with their status tables. */
@Injectable()
export class VendorFormats {
  private readonly formats: ReadonlyMap<string, VendorFormat>;
  private readonly added = new Map<string, StatusTable>();

  constructor() {
    const formats = [new NmftaEventBatchFormat(), new TracklineWebhookFormat(), new X12ShipmentStatusFormat()];
    this.formats = new Map(formats.map((format) => [format.vendor, format]));
  }

  get(vendor: string): VendorFormat {
    const format = this.formats.get(vendor);
    if (!format) {
      throw new Error(`no dispatch format is registered for vendor '${vendor}'`);
    }

    return format;
  }

  /** The mapping of a vendor status; undefined when the vendor's table does not list it. */
  mappingOf(vendor: string, status: string): StatusMapping | undefined {
    return rowOf(this.added.get(vendor), status) ?? rowOf(this.get(vendor).statuses, status);
  }

  /**
   * Adds rows to a vendor's table in this process, over the table in the code. The e2e suite uses it to stand in for
   * a corrected table shipped by a deploy, before it replays a message that was rejected for an unknown status.
   */
  addMappings(vendor: string, rows: StatusTable): void {
    this.get(vendor);
    this.added.set(vendor, { ...this.added.get(vendor), ...rows });
  }
}

// Own properties only, so that a status named `constructor` or `__proto__` is unknown rather than a function.
function rowOf(table: StatusTable | undefined, status: string): StatusMapping | undefined {
  return table !== undefined && Object.hasOwn(table, status) ? table[status] : undefined;
}
