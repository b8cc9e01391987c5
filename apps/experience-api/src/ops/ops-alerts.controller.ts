import { Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { AxiosInstance } from 'axios';

import { ApiProblems, LayerController, Scopes } from '@lanegate/platform';

import { PROCESS_API } from '../process-api.client.js';
import { type OpsAlertView, OpsAlertsQuery, OpsAlertsView } from './ops-alerts.dto.js';

/** An alert as the process layer's `GET /process/v1/alerts` answers it: the fields this view reads. */
interface ProcessAlert {
  id: string;
  policy: string;
  subjectKey: string;
  severity: string;
  status: string;
  summary: string;
  openedAt: string;
  resolvedAt: string | null;
  details: { shipmentId?: unknown };
  notifications: { status: 'pending' | 'delivered' }[];
}

@LayerController({ layer: 'experience', path: 'ops/alerts', tag: 'operations' })
@Scopes('ops')
export class OpsAlertsController {
  constructor(@Inject(PROCESS_API) private readonly processApi: AxiosInstance) {}

  @Get()
  @ApiOperation({
    summary: 'Operations alerts',
    description:
      'The alerts of the process layer, newest first, shaped for the dashboard: duplicate charge, proof of ' +
      'delivery missing, failed posting, dead-letter depth and SLA breach, each with how long it has been open ' +
      'and whether its webhook notification went out.',
  })
  @ApiOkResponse({ description: 'One page of alerts.', type: OpsAlertsView })
  @ApiProblems(400, 401, 403, 429, 503)
  async list(@Query() query: OpsAlertsQuery): Promise<OpsAlertsView> {
    const { data } = await this.processApi.get<{ items: ProcessAlert[]; total: number }>('/process/v1/alerts', {
      params: query,
    });
    const now = new Date();

    return {
      items: data.items.map((alert) => toOpsAlert(alert, now)),
      total: data.total,
      generatedAt: now.toISOString(),
    };
  }
}

function toOpsAlert(alert: ProcessAlert, now: Date): OpsAlertView {
  const until = alert.resolvedAt === null ? now : new Date(alert.resolvedAt);
  const last = alert.notifications.at(-1);

  return {
    id: alert.id,
    policy: alert.policy,
    severity: alert.severity,
    status: alert.status,
    subject: alert.subjectKey,
    shipmentId: typeof alert.details.shipmentId === 'string' ? alert.details.shipmentId : null,
    summary: alert.summary,
    openedAt: alert.openedAt,
    resolvedAt: alert.resolvedAt,
    openSeconds: Math.max(0, Math.round((until.getTime() - new Date(alert.openedAt).getTime()) / 1000)),
    notification: last?.status ?? 'none',
  };
}
