import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CastBallotCommand, CloseVotingCommand, DeclareConflictCommand, OpenVotingCommand } from '@vinhdanh/application';
import type { CommandMetadata } from '@vinhdanh/domain';
import { Roles } from '../auth/access.decorators';
import { CommandMeta } from '../commands/command-metadata.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { CommandResponseDto } from '../shared/command-response.dto';
import { IdParam } from '../shared/path-params';
import { CastBallotRequestDto, CastBallotResponseDto, OpenVotingRequestDto, ReasonRequestDto, SessionRequestDto } from './nomination.dto';

@ApiTags('council vote')
@Controller('nominations/:nominationId')
export class VotingController {
  constructor(private readonly commands: CommandBus) {}

  @Post('conflicts')
  @Roles('council_member')
  @CommandRoute('DeclareConflict')
  @ApiOperation({ summary: 'Declare a conflict of interest (the member is the caller); they are recused' })
  @ApiOkResponse({ type: CommandResponseDto })
  declare(@IdParam('nominationId') nominationId: string, @Body() body: ReasonRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new DeclareConflictCommand({ nominationId, reason: body.reason }, meta));
  }

  @Post('voting')
  @Roles('council_secretary')
  @CommandRoute('OpenVoting')
  @ApiOperation({ summary: 'Open the vote in an open session with quorum' })
  @ApiOkResponse({ type: CommandResponseDto })
  open(@IdParam('nominationId') nominationId: string, @Body() body: OpenVotingRequestDto, @CommandMeta() meta: CommandMetadata) {
    const { sessionId, closesAt } = body;
    return this.commands.execute(new OpenVotingCommand({ nominationId, sessionId, ...(closesAt ? { closesAt } : {}) }, meta));
  }

  /**
   * Secret ballot: the log records that the caller voted, never what; the choice is sealed in
   * the ballot box and the answer carries a receipt. The choice is never logged.
   */
  @Post('ballots')
  @Roles('council_member')
  @CommandRoute('CastBallot')
  @ApiOperation({ summary: 'Cast a ballot (the member is the caller); one per member' })
  @ApiOkResponse({ type: CastBallotResponseDto })
  cast(@IdParam('nominationId') nominationId: string, @Body() body: CastBallotRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new CastBallotCommand({ nominationId, sessionId: body.sessionId, choice: body.choice }, meta));
  }

  @Post('voting/close')
  @Roles('council_secretary')
  @CommandRoute('CloseVoting')
  @ApiOperation({ summary: 'Close the vote; secret ballots are revealed shuffled, unlinkable to voters' })
  @ApiOkResponse({ type: CommandResponseDto })
  close(@IdParam('nominationId') nominationId: string, @Body() body: SessionRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new CloseVotingCommand({ nominationId, sessionId: body.sessionId }, meta));
  }
}
