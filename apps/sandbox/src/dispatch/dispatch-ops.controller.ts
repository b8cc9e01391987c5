import { Body, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';

import { ApiProblems, LayerController, RequestValidationError, Scopes } from '@lanegate/platform';

import { DispatchLoadView, StartLoadRequestDto } from './dispatch-loads.dto.js';
import { DispatchLoadsService } from './dispatch-loads.service.js';
import { DispatchFaultsDto, DispatchStatsDto, TenderListDto, UpdateDispatchFaultsDto } from './dispatch-ops.dto.js';
import { type DispatchLoadRecord, SandboxDispatchState } from './sandbox-dispatch-state.service.js';

/**
 * Drives the sandbox dispatch platform for tests, demos and benchmarks: starts load lifecycles, shows what was
 * delivered, lists tenders received and switches faults. Not part of a dispatch platform's contract: Lanegate `ops`
 * tokens.
 */
@LayerController({ layer: 'sandbox', path: 'dispatch', tag: 'sandbox dispatch operations' })
@Scopes('ops')
@ApiProblems(401, 403)
export class DispatchOpsController {
  constructor(
    private readonly loads: DispatchLoadsService,
    private readonly state: SandboxDispatchState,
  ) {}

  @Post('loads')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a load lifecycle',
    description:
      "Generates the load's lifecycle from a seed (or takes the scripted `steps`) and delivers it in the load's " +
      "format to the gateway: signed webhooks or X12 214 to the system layer's TMS routes, accessorials as canonical " +
      'events to the process layer, paced by `timeScale`, under the current faults. Answers at once; follow the ' +
      'delivery at `GET /sandbox/dispatch/loads/{loadId}`.',
  })
  @ApiAcceptedResponse({ description: 'Started; the messages are on their way.', type: DispatchLoadView })
  @ApiProblems(400)
  start(@Body() request: StartLoadRequestDto): DispatchLoadView {
    return view(this.loads.start(request));
  }

  @Get('loads/:loadId')
  @ApiOperation({
    summary: 'Show a load',
    description: 'The lifecycle and, for each step, what was sent, its webhook-id, every try and the last answer.',
  })
  @ApiOkResponse({ description: 'The load.', type: DispatchLoadView })
  @ApiProblems(404)
  load(@Param('loadId') loadId: string): DispatchLoadView {
    return view(this.loads.get(loadId));
  }

  @Get('tenders')
  @ApiOperation({
    summary: 'List tenders received',
    description: 'Every distinct tender, oldest first, with repeats counted.',
  })
  @ApiOkResponse({ description: 'The tenders.', type: TenderListDto })
  tenders(): TenderListDto {
    return {
      items: this.state.allTenders().map((tender) => ({ ...structuredClone(tender), status: 'accepted' as const })),
    };
  }

  @Get('stats')
  @ApiOperation({
    summary: 'Get platform statistics',
    description: 'Loads, messages, answers and tenders since the last reset.',
  })
  @ApiOkResponse({ description: 'The statistics.', type: DispatchStatsDto })
  stats(): DispatchStatsDto {
    return this.state.stats();
  }

  @Get('faults')
  @ApiOperation({ summary: 'Get faults', description: 'The faults in force.' })
  @ApiOkResponse({ description: 'The faults.', type: DispatchFaultsDto })
  faults(): DispatchFaultsDto {
    return this.state.currentFaults();
  }

  @Put('faults')
  @ApiOperation({
    summary: 'Switch faults',
    description:
      'Changes the fields given (duplicates, reordering, delay of messages; latency and refusals of tenders); ' +
      'others stay. Loads started afterwards play under them.',
  })
  @ApiOkResponse({ description: 'The faults now in force.', type: DispatchFaultsDto })
  @ApiProblems(400)
  updateFaults(@Body() request: UpdateDispatchFaultsDto): DispatchFaultsDto {
    if (request.delayMs && request.delayMs.max < request.delayMs.min) {
      throw new RequestValidationError([{ field: 'delayMs.max', messages: ['max must be at least min'] }]);
    }

    return this.state.updateFaults({ ...request, delayMs: request.delayMs && { ...request.delayMs } });
  }

  @Delete('faults')
  @ApiOperation({
    summary: 'Reset faults',
    description: 'Back to the defaults: no duplicates, reordering, delay or refusals.',
  })
  @ApiOkResponse({ description: 'The default faults.', type: DispatchFaultsDto })
  resetFaults(): DispatchFaultsDto {
    return this.state.resetFaults();
  }

  @Post('reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reset the platform', description: 'Forgets loads, tenders and statistics; faults stay.' })
  @ApiNoContentResponse({ description: 'Reset.' })
  reset(): void {
    this.state.reset();
  }
}

function view(load: DispatchLoadRecord): DispatchLoadView {
  const { plan: _plan, ...shown } = structuredClone(load);

  return shown;
}
