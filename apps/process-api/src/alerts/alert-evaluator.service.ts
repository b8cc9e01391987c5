import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';

import { runInTransaction } from '@lanegate/persistence';
import { LANEGATE_CONFIG, type LanegateConfig } from '@lanegate/platform';

import { AlertFactsRepository } from './alert-facts.repository.js';
import { type AlertFinding, evaluateAlertPolicies } from './alert-policies.js';
import { AlertWebhook } from './alert-webhook.service.js';
import { AlertEntity, AlertNotificationEntity, type AlertNotificationType } from './alert.entity.js';
import { alertPayloadOf } from './alert.mapper.js';

export interface AlertEvaluation {
  readonly evaluatedAt: Date;
  readonly opened: readonly AlertEntity[];
  readonly resolved: readonly AlertEntity[];
  readonly open: number;
  readonly notificationsDelivered: number;
  readonly notificationsPending: number;
}

/**
 * Judges every alert policy over fresh facts and brings the alerts in line: opens an alert for a condition found
 * that has none open, keeps the open one up to date, resolves an open one whose condition is gone. Opening and
 * resolving each record a webhook notification in the same transaction; the pending notifications are sent at the
 * end of every evaluation. Safe with several replicas: the partial unique index lets one opening win, and a
 * resolution only changes an alert that is still open.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);
  /** Evaluations of this process, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource('process') private readonly dataSource: DataSource,
    @Inject(AlertFactsRepository) private readonly facts: AlertFactsRepository,
    @Inject(AlertWebhook) private readonly webhook: AlertWebhook,
    @Inject(LANEGATE_CONFIG) private readonly config: LanegateConfig,
  ) {}

  /** One evaluation, after any this process is running; `now` is the instant judged (the time it starts if absent). */
  evaluate(now?: Date): Promise<AlertEvaluation> {
    const next = this.queue.then(() => this.evaluateNow(now ?? new Date()));
    this.queue = next.catch(() => undefined);

    return next;
  }

  private async evaluateNow(now: Date): Promise<AlertEvaluation> {
    const findings = evaluateAlertPolicies(await this.facts.read(now), this.config.alerts);
    const open = await this.dataSource.manager.find(AlertEntity, { where: { status: 'open' } });

    const opened = await this.openOrKeep(findings, open, now);
    const found = new Set(findings.map(keyOf));
    const resolved: AlertEntity[] = [];
    for (const alert of open.filter((candidate) => !found.has(keyOf(candidate)))) {
      if (await this.resolve(alert, now)) {
        resolved.push(alert);
      }
    }

    const delivery = await this.webhook.deliverPending();

    return {
      evaluatedAt: now,
      opened,
      resolved,
      open: await this.dataSource.manager.countBy(AlertEntity, { status: 'open' }),
      notificationsDelivered: delivery.delivered,
      notificationsPending: delivery.pending,
    };
  }

  /** Opens an alert for each finding that has none open, and refreshes the open ones; answers those it opened. */
  private async openOrKeep(findings: AlertFinding[], open: AlertEntity[], now: Date): Promise<AlertEntity[]> {
    const openByKey = new Map(open.map((alert) => [keyOf(alert), alert]));
    const opened: AlertEntity[] = [];
    const stillOpen: { alert: AlertEntity; finding: AlertFinding }[] = [];
    for (const finding of findings) {
      const current = openByKey.get(keyOf(finding));
      if (current !== undefined) {
        stillOpen.push({ alert: current, finding });
        continue;
      }
      const alert = await this.open(finding, now);
      if (alert !== null) {
        opened.push(alert);
      }
    }
    await this.touch(stillOpen, now);

    return opened;
  }

  /** Opens the alert unless another evaluation (here or on another replica) just did; answers it when opened. */
  private async open(finding: AlertFinding, now: Date): Promise<AlertEntity | null> {
    const alert: AlertEntity = {
      id: `ALR-${randomUUID()}`,
      policy: finding.policy,
      subjectKey: finding.subjectKey,
      severity: finding.severity,
      status: 'open',
      summary: truncate(finding.summary),
      details: JSON.stringify(finding.details),
      correlationId: finding.correlationId,
      openedAt: now,
      lastSeenAt: now,
      resolvedAt: null,
    };
    const inserted = await runInTransaction(this.dataSource, async (manager) => {
      await manager.createQueryBuilder().insert().into(AlertEntity).values(alert).orIgnore().execute();
      if (!(await manager.existsBy(AlertEntity, { id: alert.id }))) {
        return false;
      }
      await this.notify(manager, alert, 'lanegate.alert.opened.v1', now);

      return true;
    });
    if (!inserted) {
      return null;
    }
    this.logger.warn(
      { alertId: alert.id, policy: alert.policy, subjectKey: alert.subjectKey, correlationId: alert.correlationId },
      `alert opened: ${alert.summary}`,
    );

    return alert;
  }

  /** Keeps the open alerts' facts current and marks them seen now. */
  private async touch(stillOpen: { alert: AlertEntity; finding: AlertFinding }[], now: Date): Promise<void> {
    if (stillOpen.length === 0) {
      return;
    }
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.update(
        AlertEntity,
        { id: In(stillOpen.map(({ alert }) => alert.id)), status: 'open' },
        { lastSeenAt: now },
      );
      for (const { alert, finding } of stillOpen) {
        const summary = truncate(finding.summary);
        const details = JSON.stringify(finding.details);
        if (alert.summary !== summary || alert.details !== details || alert.severity !== finding.severity) {
          await manager.update(
            AlertEntity,
            { id: alert.id, status: 'open' },
            { summary, details, severity: finding.severity },
          );
        }
      }
    });
  }

  /** Resolves the alert if it is still open; answers whether this evaluation did. */
  private async resolve(alert: AlertEntity, now: Date): Promise<boolean> {
    const resolved = await runInTransaction(this.dataSource, async (manager) => {
      const changed = await manager.update(
        AlertEntity,
        { id: alert.id, status: 'open' },
        { status: 'resolved', resolvedAt: now },
      );
      if (changed.affected !== 1) {
        return false;
      }
      Object.assign(alert, { status: 'resolved', resolvedAt: now });
      await this.notify(manager, alert, 'lanegate.alert.resolved.v1', now);

      return true;
    });
    if (resolved) {
      this.logger.log(
        { alertId: alert.id, policy: alert.policy, subjectKey: alert.subjectKey, correlationId: alert.correlationId },
        `alert resolved: the ${alert.policy} condition of ${alert.subjectKey} no longer holds`,
      );
    }

    return resolved;
  }

  /** Records the notification of a change, to be sent after the transaction; nothing without a webhook. */
  private async notify(
    manager: EntityManager,
    alert: AlertEntity,
    type: AlertNotificationType,
    now: Date,
  ): Promise<void> {
    if (!this.webhook.configured) {
      return;
    }
    const notification: AlertNotificationEntity = {
      id: `${alert.id}.${type === 'lanegate.alert.opened.v1' ? 'opened' : 'resolved'}`,
      alertId: alert.id,
      type,
      payload: JSON.stringify({ type, timestamp: now.toISOString(), data: alertPayloadOf(alert) }),
      status: 'pending',
      attempts: 0,
      lastError: null,
      claimedUntil: null,
      createdAt: now,
      lastAttemptAt: null,
      deliveredAt: null,
    };
    await manager.insert(AlertNotificationEntity, notification);
  }
}

function keyOf(alert: { policy: string; subjectKey: string }): string {
  return `${alert.policy}\u0000${alert.subjectKey}`;
}

function truncate(text: string): string {
  return text.length <= 500 ? text : `${text.slice(0, 499)}…`;
}
