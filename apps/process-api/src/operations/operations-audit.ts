import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { type AuditEntryInput, AuditLog } from '@lanegate/persistence';

/** The process layer's audit log, where every operator action on events is recorded with its change. */
@Injectable()
export class OperationsAudit {
  private readonly log: AuditLog;

  constructor(@InjectDataSource('process') dataSource: DataSource) {
    this.log = new AuditLog(dataSource);
  }

  async record(entry: AuditEntryInput, manager?: EntityManager): Promise<void> {
    await this.log.record(entry, manager);
  }
}
