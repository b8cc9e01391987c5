import { Body, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';

import { DeadLetterResolvedError, DeadLetters } from '@lanegate/messaging';
import { ApiProblems, ApplicationError, LayerController, type Principal, Scopes } from '@lanegate/platform';

import {
  DeadLetterDetailView,
  DeadLetterPage,
  DeadLetterQuery,
  DeadLetterView,
  DiscardDeadLetterDto,
  ReplayManyDto,
  ReplayManyView,
  ReplayResultView,
} from './dead-letter.dto.js';
import { toDeadLetterDetailView, toDeadLetterView } from './dead-letter.mapper.js';

const LETTER_ID = {
  name: 'deadLetterId',
  description: 'Dead letter id.',
  example: '5b0e3c1e-2f8a-4d5b-9a57-3b9f1f0f6a11',
};

@LayerController({ layer: 'process', path: 'dead-letters', tag: 'dead letters' })
@Scopes('ops')
export class DeadLettersController {
  constructor(@Inject(DeadLetters) private readonly deadLetters: DeadLetters) {}

  @Get()
  @ApiOperation({
    summary: 'List dead letters',
    description:
      'Events consumers gave up on after their last attempt, oldest first, filtered by type, reason and age.',
  })
  @ApiOkResponse({ description: 'One page of dead letters.', type: DeadLetterPage })
  @ApiProblems(400, 401, 403, 429)
  async list(@Query() query: DeadLetterQuery): Promise<DeadLetterPage> {
    const { items, total } = await this.deadLetters.list({
      ...query,
      failedBefore: query.failedBefore ? new Date(query.failedBefore) : undefined,
    });

    return { items: items.map(toDeadLetterView), total };
  }

  @Get(':deadLetterId')
  @ApiOperation({ summary: 'Inspect a dead letter', description: 'The letter with its whole event and last error.' })
  @ApiParam(LETTER_ID)
  @ApiOkResponse({ description: 'The dead letter.', type: DeadLetterDetailView })
  @ApiProblems(401, 403, 404, 429)
  async get(@Param('deadLetterId') id: string): Promise<DeadLetterDetailView> {
    return toDeadLetterDetailView(await this.deadLetters.get(id));
  }

  @Post(':deadLetterId/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay a dead letter',
    description:
      'Runs the event through the consumer that gave up on it, once the cause is fixed. A failed replay keeps the ' +
      'letter open and answers 422 with the error; an event the consumer already applied is not applied again.',
  })
  @ApiParam(LETTER_ID)
  @ApiOkResponse({ description: 'The consumer took effect of the event.', type: DeadLetterView })
  @ApiProblems(401, 403, 404, 409, 422, 429)
  async replay(@Param('deadLetterId') id: string, @Req() request: { user: Principal }): Promise<DeadLetterView> {
    const result = await this.deadLetters.replay(id, request.user.subject);
    if (result.outcome === 'failed') {
      throw new ApplicationError({
        code: 'DEAD_LETTER_REPLAY_FAILED',
        status: 422,
        title: 'Replay failed',
        detail: `The consumer failed again: ${result.error ?? 'unknown error'}. The letter stays open.`,
        extensions: { deadLetter: toDeadLetterView(result.letter) },
      });
    }

    return toDeadLetterView(result.letter);
  }

  @Post('replays')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay many dead letters',
    description: 'Replays the given letters in order and reports each outcome; one failure does not stop the rest.',
  })
  @ApiOkResponse({ description: 'One result per letter.', type: ReplayManyView })
  @ApiProblems(400, 401, 403, 409, 422, 429)
  async replayMany(@Body() request: ReplayManyDto, @Req() http: { user: Principal }): Promise<ReplayManyView> {
    const known = await this.deadLetters.existing(request.ids);
    const results: ReplayResultView[] = [];
    for (const id of request.ids) {
      if (!known.has(id)) {
        results.push({ id, outcome: 'not_found' });
        continue;
      }
      try {
        const { outcome, error } = await this.deadLetters.replay(id, http.user.subject);
        results.push({ id, outcome, ...(error ? { error } : {}) });
      } catch (error) {
        if (!(error instanceof DeadLetterResolvedError)) {
          throw error;
        }
        results.push({ id, outcome: 'already_resolved' });
      }
    }

    return { results };
  }

  @Post(':deadLetterId/discard')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Discard a dead letter',
    description: 'Drops the event for good, with a reason kept in the audit log.',
  })
  @ApiParam(LETTER_ID)
  @ApiOkResponse({ description: 'The discarded letter.', type: DeadLetterView })
  @ApiProblems(400, 401, 403, 404, 409, 422, 429)
  async discard(
    @Param('deadLetterId') id: string,
    @Body() request: DiscardDeadLetterDto,
    @Req() http: { user: Principal },
  ): Promise<DeadLetterView> {
    return toDeadLetterView(await this.deadLetters.discard(id, http.user.subject, request.reason));
  }
}
