import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type FindOptionsWhere, In } from 'typeorm';

import { AuditLog, runInTransaction } from '@lanegate/persistence';
import { type Principal, ResourceNotFoundError } from '@lanegate/platform';

import { AlertEvaluator } from './alert-evaluator.service.js';
import type { AlertEvaluationView, AlertPage, AlertView, ListAlertsQuery } from './alert.dto.js';
import { AlertEntity, AlertNotificationEntity } from './alert.entity.js';
import { toAlertView } from './alert.mapper.js';

/** Reads alerts for the ops API, and runs the evaluations operators ask for, audited. */
@Injectable()
export class AlertsService {
  private readonly audit: AuditLog;

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(AlertEvaluator) private readonly evaluator: AlertEvaluator,
  ) {
    this.audit = new AuditLog(dataSource);
  }

  async list(query: ListAlertsQuery): Promise<AlertPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const where: FindOptionsWhere<AlertEntity> = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.policy ? { policy: query.policy } : {}),
      ...(query.subjectKey ? { subjectKey: query.subjectKey } : {}),
    };
    const [rows, total] = await this.dataSource.manager.findAndCount(AlertEntity, {
      where,
      order: { openedAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const notifications = await this.notificationsOf(rows.map((row) => row.id));

    return { items: rows.map((row) => toAlertView(row, notifications.get(row.id))), total };
  }

  async get(id: string): Promise<AlertView> {
    const row = await this.dataSource.manager.findOneBy(AlertEntity, { id });
    if (row === null) {
      throw new ResourceNotFoundError('alert', id);
    }

    return toAlertView(row, (await this.notificationsOf([id])).get(id));
  }

  /** Evaluates every policy now, for an operator, and records it in the audit log. */
  async evaluate(principal: Principal): Promise<AlertEvaluationView> {
    const evaluation = await this.evaluator.evaluate();
    const view: AlertEvaluationView = {
      evaluatedAt: evaluation.evaluatedAt.toISOString(),
      opened: evaluation.opened.map((alert) => alert.id),
      resolved: evaluation.resolved.map((alert) => alert.id),
      open: evaluation.open,
      notificationsDelivered: evaluation.notificationsDelivered,
      notificationsPending: evaluation.notificationsPending,
    };
    await runInTransaction(this.dataSource, (manager) =>
      this.audit.record(
        {
          actor: principal.subject,
          action: 'alert.evaluation_requested',
          targetType: 'alerts',
          targetId: 'evaluation',
          details: { evaluatedAt: view.evaluatedAt, opened: view.opened, resolved: view.resolved },
        },
        manager,
      ),
    );

    return view;
  }

  private async notificationsOf(alertIds: string[]): Promise<Map<string, AlertNotificationEntity[]>> {
    const byAlert = new Map<string, AlertNotificationEntity[]>();
    if (alertIds.length === 0) {
      return byAlert;
    }
    const rows = await this.dataSource.manager.find(AlertNotificationEntity, {
      where: { alertId: In(alertIds) },
      order: { createdAt: 'ASC' },
    });
    for (const row of rows) {
      byAlert.set(row.alertId, [...(byAlert.get(row.alertId) ?? []), row]);
    }

    return byAlert;
  }
}
