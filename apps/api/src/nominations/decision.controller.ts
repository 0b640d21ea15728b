import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApproveNominationCommand, PublishNominationCommand, RejectNominationCommand, RevokeAwardCommand } from '@vinhdanh/application';
import type { CommandMetadata } from '@vinhdanh/domain';
import { Roles } from '../auth/access.decorators';
import { CommandMeta } from '../commands/command-metadata.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { CommandResponseDto } from '../shared/command-response.dto';
import { IdParam } from '../shared/path-params';
import { plain } from '../shared/plain';
import { ApproveNominationRequestDto, PublishNominationRequestDto, ReasonRequestDto, RevokeAwardRequestDto } from './nomination.dto';

@ApiTags('decision')
@Controller('nominations/:nominationId')
export class DecisionController {
  constructor(private readonly commands: CommandBus) {}

  @Post('approval')
  @Roles('approver')
  @CommandRoute('ApproveNomination')
  @ApiOperation({ summary: 'Approve with the award decision number (only after a passing vote, within quota)' })
  @ApiOkResponse({ type: CommandResponseDto })
  approve(@IdParam('nominationId') nominationId: string, @Body() body: ApproveNominationRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new ApproveNominationCommand({ nominationId, ...plain(body) }, meta));
  }

  @Post('rejection')
  @Roles('approver')
  @CommandRoute('RejectNomination')
  @ApiOperation({ summary: 'Reject, with the reason' })
  @ApiOkResponse({ type: CommandResponseDto })
  reject(@IdParam('nominationId') nominationId: string, @Body() body: ReasonRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new RejectNominationCommand({ nominationId, reason: body.reason }, meta));
  }

  @Post('publication')
  @Roles('publisher')
  @CommandRoute('PublishNomination')
  @ApiOperation({ summary: 'Publish on the honour list (only after approval)' })
  @ApiOkResponse({ type: CommandResponseDto })
  publish(@IdParam('nominationId') nominationId: string, @Body() body: PublishNominationRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new PublishNominationCommand({ nominationId, ...plain(body) }, meta));
  }

  @Post('revocation')
  @Roles('approver', 'publisher')
  @CommandRoute('RevokeAward')
  @ApiOperation({ summary: 'Revoke a published award when its decision is annulled' })
  @ApiOkResponse({ type: CommandResponseDto })
  revoke(@IdParam('nominationId') nominationId: string, @Body() body: RevokeAwardRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new RevokeAwardCommand({ nominationId, ...plain(body) }, meta));
  }
}
