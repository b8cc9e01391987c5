import { Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, type Principal, Scopes } from '@lanegate/platform';

import { AlertEvaluationView, AlertPage, AlertView, ListAlertsQuery } from './alert.dto.js';
import { AlertsService } from './alerts.service.js';

@LayerController({ layer: 'process', path: 'alerts', tag: 'alerts' })
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Get()
  @Scopes('ops', 'internal')
  @ApiOperation({
    summary: 'List alerts',
    description:
      'Alerts the policies opened, newest first: duplicate charge, proof of delivery missing, failed posting, ' +
      'dead-letter depth and SLA breach. At most one alert per policy and subject is open; it resolves itself once ' +
      'an evaluation no longer finds its condition.',
  })
  @ApiOkResponse({ description: 'One page of alerts.', type: AlertPage })
  @ApiProblems(400, 401, 403, 429)
  list(@Query() query: ListAlertsQuery): Promise<AlertPage> {
    return this.alerts.list(query);
  }

  @Get(':alertId')
  @Scopes('ops', 'internal')
  @ApiOperation({
    summary: 'Get an alert',
    description: 'One alert with its facts and the delivery of its webhook notifications.',
  })
  @ApiParam({ name: 'alertId', description: 'Alert id.', example: 'ALR-0b8f3a52-6c1d-4e0f-9a7b-2d4c6e8f0a1b' })
  @ApiOkResponse({ description: 'The alert.', type: AlertView })
  @ApiProblems(401, 403, 404, 429)
  get(@Param('alertId') alertId: string): Promise<AlertView> {
    return this.alerts.get(alertId);
  }

  @Post('evaluations')
  @HttpCode(200)
  @Scopes('ops')
  @ApiOperation({
    summary: 'Evaluate the alert policies now',
    description:
      'Runs the evaluation that otherwise runs every `ALERT_EVALUATION_INTERVAL_SECONDS`: opens the alerts whose ' +
      'condition holds, resolves those whose condition is gone, and sends the webhook notifications still pending. ' +
      'Repeating it opens nothing twice and sends no notification twice once acknowledged. Audited.',
  })
  @ApiOkResponse({ description: 'What the evaluation changed.', type: AlertEvaluationView })
  @ApiProblems(401, 403, 429)
  evaluate(@Req() http: { user: Principal }): Promise<AlertEvaluationView> {
    return this.alerts.evaluate(http.user);
  }
}
