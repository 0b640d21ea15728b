import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClosePublicNoticeCommand, FileObjectionCommand, OpenPublicNoticeCommand, ResolveObjectionCommand } from '@vinhdanh/application';
import type { CommandMetadata } from '@vinhdanh/domain';
import { Public, Roles } from '../auth/access.decorators';
import { CommandMeta } from '../commands/command-metadata.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { CommandResponseDto } from '../shared/command-response.dto';
import { IdParam } from '../shared/path-params';
import { plain } from '../shared/plain';
import { FileObjectionRequestDto, FileObjectionResponseDto, ResolveObjectionRequestDto } from './nomination.dto';

@ApiTags('public notice')
@Controller('nominations/:nominationId')
export class PublicNoticeController {
  constructor(private readonly commands: CommandBus) {}

  @Post('public-notice')
  @Roles('council_secretary')
  @CommandRoute('OpenPublicNotice')
  @ApiOperation({ summary: 'Open the public notice (its length in working days comes from the catalog)' })
  @ApiOkResponse({ type: CommandResponseDto })
  open(@IdParam('nominationId') nominationId: string, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new OpenPublicNoticeCommand({ nominationId }, meta));
  }

  /**
   * Anyone may object, without an account. The filer's contact details go to the erasable
   * personal-data store; the log gets only a reference and a salted commitment.
   */
  @Post('objections')
  @Public()
  @CommandRoute('FileObjection', 201)
  @ApiOperation({ summary: 'File an objection during the public notice (no account needed)' })
  @ApiCreatedResponse({ type: FileObjectionResponseDto })
  file(@IdParam('nominationId') nominationId: string, @Body() body: FileObjectionRequestDto, @CommandMeta() meta: CommandMetadata) {
    const { summary, filer } = plain(body);
    return this.commands.execute(new FileObjectionCommand({ nominationId, summary, filer: { name: filer.name, contact: filer.contact } }, meta));
  }

  @Post('objections/:objectionId/resolution')
  @Roles('council_secretary')
  @CommandRoute('ResolveObjection')
  @ApiOperation({ summary: 'Resolve an objection: upheld or dismissed, with the reason' })
  @ApiOkResponse({ type: CommandResponseDto })
  resolve(
    @IdParam('nominationId') nominationId: string,
    @IdParam('objectionId') objectionId: string,
    @Body() body: ResolveObjectionRequestDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.execute(new ResolveObjectionCommand({ nominationId, objectionId, ...plain(body) }, meta));
  }

  @Post('public-notice/close')
  @Roles('council_secretary')
  @CommandRoute('ClosePublicNotice')
  @ApiOperation({ summary: 'Close the public notice once its period is over and every objection is resolved' })
  @ApiOkResponse({ type: CommandResponseDto })
  close(@IdParam('nominationId') nominationId: string, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new ClosePublicNoticeCommand({ nominationId }, meta));
  }
}
