import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AssignEvaluatorCommand, ScoreEvaluationCommand } from '@vinhdanh/application';
import type { CommandMetadata } from '@vinhdanh/domain';
import { Roles } from '../auth/access.decorators';
import { CommandMeta } from '../commands/command-metadata.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { CommandResponseDto } from '../shared/command-response.dto';
import { IdParam } from '../shared/path-params';
import { plain } from '../shared/plain';
import { AssignEvaluatorRequestDto, ScoreEvaluationRequestDto } from './nomination.dto';

@ApiTags('evaluation')
@Controller('nominations/:nominationId')
export class EvaluationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('evaluators')
  @Roles('council_secretary', 'admin')
  @CommandRoute('AssignEvaluator')
  @ApiOperation({ summary: 'Assign an evaluator (not from the nominee\'s unit)' })
  @ApiOkResponse({ type: CommandResponseDto })
  assign(@IdParam('nominationId') nominationId: string, @Body() body: AssignEvaluatorRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new AssignEvaluatorCommand({ nominationId, ...plain(body) }, meta));
  }

  @Post('scores')
  @Roles('evaluator')
  @CommandRoute('ScoreEvaluation')
  @ApiOperation({ summary: 'Score the nomination against the published criteria (the evaluator is the caller)' })
  @ApiOkResponse({ type: CommandResponseDto })
  score(@IdParam('nominationId') nominationId: string, @Body() body: ScoreEvaluationRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new ScoreEvaluationCommand({ nominationId, scores: plain(body).scores }, meta));
  }
}
