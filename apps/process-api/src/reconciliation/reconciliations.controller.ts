import { Body, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { ApiProblems, LayerController, type Principal, Scopes } from '@lanegate/platform';

import {
  ListReconciliationsQuery,
  ReconciliationPage,
  ReconciliationView,
  RunReconciliationDto,
} from './reconciliation.dto.js';
import { ReconciliationService } from './reconciliation.service.js';

@LayerController({ layer: 'process', path: 'reconciliations', tag: 'reconciliation' })
@Scopes('ops')
export class ReconciliationsController {
  constructor(@Inject(ReconciliationService) private readonly reconciliations: ReconciliationService) {}

  @Post()
  @ApiOperation({
    summary: 'Reconcile a range now',
    description:
      "Compares, over `[from, to)`, the shipments delivered, the documents Lanegate posted and the ERP's own list " +
      'of what it posted, and reports each discrepancy: missing in the ERP, amount differs, duplicate in the ERP, ' +
      'unknown to Lanegate, delivered but not invoiced after `RECONCILIATION_UNINVOICED_AFTER_HOURS`. The same ' +
      'job runs on a schedule. A run whose ERP reads fail is kept as `failed`.',
  })
  @ApiCreatedResponse({ description: 'The report.', type: ReconciliationView })
  @ApiProblems(400, 401, 403, 429)
  run(@Body() request: RunReconciliationDto, @Req() http: { user: Principal }): Promise<ReconciliationView> {
    return this.reconciliations.run({ from: new Date(request.from), to: new Date(request.to) }, http.user.subject);
  }

  @Get()
  @ApiOperation({ summary: 'List reconciliations', description: 'Scheduled and requested runs, newest first.' })
  @ApiOkResponse({ description: 'One page of reports.', type: ReconciliationPage })
  @ApiProblems(400, 401, 403, 429)
  async list(@Query() query: ListReconciliationsQuery): Promise<ReconciliationPage> {
    return this.reconciliations.list(query.page ?? 1, query.pageSize ?? 25);
  }

  @Get(':reconciliationId')
  @ApiOperation({ summary: 'Get a reconciliation', description: 'One report with every discrepancy it found.' })
  @ApiParam({ name: 'reconciliationId', description: 'Reconciliation id.', example: 'REC-7d1c2b0e-3a4f' })
  @ApiOkResponse({ description: 'The report.', type: ReconciliationView })
  @ApiProblems(401, 403, 404, 429)
  get(@Param('reconciliationId') reconciliationId: string): Promise<ReconciliationView> {
    return this.reconciliations.get(reconciliationId);
  }
}
