import { randomUUID } from 'node:crypto';
import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MarkDeadlineMissedCommand,
  PledgeNominationCommand,
  ResubmitNominationCommand,
  ReturnNominationCommand,
  SubmitNominationCommand,
  WithdrawNominationCommand,
} from '@vinhdanh/application';
import type { CommandMetadata } from '@vinhdanh/domain';
import { Roles } from '../auth/access.decorators';
import { CommandMeta } from '../commands/command-metadata.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { CommandResponseDto } from '../shared/command-response.dto';
import { IdParam } from '../shared/path-params';
import { plain } from '../shared/plain';
import {
  MarkNominationDeadlineMissedRequestDto,
  PledgeNominationRequestDto,
  ReasonRequestDto,
  ResubmitNominationRequestDto,
  ReturnNominationRequestDto,
  SubmitNominationRequestDto,
} from './nomination.dto';

/** A nomination's dossier: pledge, submission, return and resubmission, withdrawal, missed deadlines. */
@ApiTags('nominations')
@Controller('nominations')
export class NominationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('pledges')
  @Roles('unit_officer')
  @CommandRoute('PledgeNomination', 201)
  @ApiOperation({ summary: 'Pledge emulation targets for a person or collective of your unit' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  pledge(@Body() body: PledgeNominationRequestDto, @CommandMeta() meta: CommandMetadata) {
    const data = plain(body);
    return this.commands.execute(new PledgeNominationCommand({ ...data, nominationId: data.nominationId ?? randomUUID() }, meta));
  }

  @Post()
  @Roles('unit_officer')
  @CommandRoute('SubmitNomination', 201)
  @ApiOperation({ summary: 'Submit a nomination with its achievements and evidence' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  submit(@Body() body: SubmitNominationRequestDto, @CommandMeta() meta: CommandMetadata) {
    const data = plain(body);
    return this.commands.execute(new SubmitNominationCommand({ ...data, nominationId: data.nominationId ?? randomUUID() }, meta));
  }

  @Post(':nominationId/return')
  @Roles('evaluator', 'council_secretary')
  @CommandRoute('ReturnNomination')
  @ApiOperation({ summary: 'Return the dossier to its unit for completion' })
  @ApiOkResponse({ type: CommandResponseDto })
  returnIt(@IdParam('nominationId') nominationId: string, @Body() body: ReturnNominationRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new ReturnNominationCommand({ nominationId, ...plain(body) }, meta));
  }

  @Post(':nominationId/resubmission')
  @Roles('unit_officer')
  @CommandRoute('ResubmitNomination')
  @ApiOperation({ summary: 'Resubmit a returned dossier' })
  @ApiOkResponse({ type: CommandResponseDto })
  resubmit(@IdParam('nominationId') nominationId: string, @Body() body: ResubmitNominationRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new ResubmitNominationCommand({ nominationId, ...plain(body) }, meta));
  }

  @Post(':nominationId/withdrawal')
  @Roles('unit_officer', 'admin')
  @CommandRoute('WithdrawNomination')
  @ApiOperation({ summary: 'Withdraw the nomination' })
  @ApiOkResponse({ type: CommandResponseDto })
  withdraw(@IdParam('nominationId') nominationId: string, @Body() body: ReasonRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new WithdrawNominationCommand({ nominationId, reason: body.reason }, meta));
  }

  @Post(':nominationId/missed-deadlines')
  @Roles('admin')
  @CommandRoute('MarkDeadlineMissed')
  @ApiOperation({ summary: 'Record a missed deadline (normally sent by the deadline job; refused unless it really passed)' })
  @ApiOkResponse({ type: CommandResponseDto })
  missed(@IdParam('nominationId') nominationId: string, @Body() body: MarkNominationDeadlineMissedRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new MarkDeadlineMissedCommand({ nominationId, deadline: body.deadline }, meta));
  }
}
