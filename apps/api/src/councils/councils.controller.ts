import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AddCouncilMemberCommand,
  CloseSessionCommand,
  ConstituteCouncilCommand,
  OpenSessionCommand,
  RemoveCouncilMemberCommand,
} from '@vinhdanh/application';
import type { CommandMetadata } from '@vinhdanh/domain';
import { Roles } from '../auth/access.decorators';
import { CommandMeta } from '../commands/command-metadata.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { CommandResponseDto } from '../shared/command-response.dto';
import { IdParam } from '../shared/path-params';
import { plain } from '../shared/plain';
import { AddCouncilMemberRequestDto, ConstituteCouncilRequestDto, OpenSessionRequestDto, RemoveCouncilMemberRequestDto } from './council.dto';

@ApiTags('councils')
@Controller('councils')
export class CouncilsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @CommandRoute('ConstituteCouncil', 201)
  @ApiOperation({ summary: 'Constitute the emulation & commendation council' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  constitute(@Body() body: ConstituteCouncilRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new ConstituteCouncilCommand(plain(body), meta));
  }

  @Post(':councilId/members')
  @Roles('admin')
  @CommandRoute('AddCouncilMember')
  @ApiOperation({ summary: 'Add a member' })
  @ApiOkResponse({ type: CommandResponseDto })
  add(@IdParam('councilId') councilId: string, @Body() body: AddCouncilMemberRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new AddCouncilMemberCommand({ councilId, member: plain(body.member) }, meta));
  }

  @Post(':councilId/members/:memberId/removal')
  @Roles('admin')
  @CommandRoute('RemoveCouncilMember')
  @ApiOperation({ summary: 'Remove a member' })
  @ApiOkResponse({ type: CommandResponseDto })
  remove(
    @IdParam('councilId') councilId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: RemoveCouncilMemberRequestDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.execute(new RemoveCouncilMemberCommand({ councilId, memberId, reason: body.reason }, meta));
  }

  @Post(':councilId/sessions')
  @Roles('council_secretary')
  @CommandRoute('OpenSession', 201)
  @ApiOperation({ summary: 'Open a session and record who is present (the quorum is counted from them)' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  openSession(@IdParam('councilId') councilId: string, @Body() body: OpenSessionRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new OpenSessionCommand({ councilId, sessionId: body.sessionId, present: [...body.present] }, meta));
  }

  @Post(':councilId/sessions/:sessionId/close')
  @Roles('council_secretary')
  @CommandRoute('CloseSession')
  @ApiOperation({ summary: 'Close the session' })
  @ApiOkResponse({ type: CommandResponseDto })
  closeSession(@IdParam('councilId') councilId: string, @IdParam('sessionId') sessionId: string, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new CloseSessionCommand({ councilId, sessionId }, meta));
  }
}
