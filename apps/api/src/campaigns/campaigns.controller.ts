import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdvanceCampaignPhaseCommand,
  AllocateQuotaSlotCommand,
  CloseCampaignCommand,
  MarkCampaignDeadlineMissedCommand,
  OpenCampaignCommand,
  ReleaseQuotaSlotCommand,
} from '@vinhdanh/application';
import type { CommandMetadata } from '@vinhdanh/domain';
import { Roles } from '../auth/access.decorators';
import { CommandMeta } from '../commands/command-metadata.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import { CommandResponseDto } from '../shared/command-response.dto';
import { IdParam } from '../shared/path-params';
import { plain } from '../shared/plain';
import {
  AdvanceCampaignPhaseRequestDto,
  AllocateQuotaSlotRequestDto,
  MarkDeadlineMissedRequestDto,
  OpenCampaignRequestDto,
  ReleaseQuotaSlotRequestDto,
} from './campaign.dto';

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @CommandRoute('OpenCampaign', 201)
  @ApiOperation({ summary: 'Open a campaign; it snapshots the award catalog in force' })
  @ApiCreatedResponse({ type: CommandResponseDto })
  open(@Body() body: OpenCampaignRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new OpenCampaignCommand(plain(body), meta));
  }

  @Post(':campaignId/phase')
  @Roles('admin', 'council_secretary')
  @CommandRoute('AdvanceCampaignPhase')
  @ApiOperation({ summary: 'Move the campaign to its next phase' })
  @ApiOkResponse({ type: CommandResponseDto })
  advance(@IdParam('campaignId') campaignId: string, @Body() body: AdvanceCampaignPhaseRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new AdvanceCampaignPhaseCommand({ campaignId, to: body.to }, meta));
  }

  @Post(':campaignId/close')
  @Roles('admin')
  @CommandRoute('CloseCampaign')
  @ApiOperation({ summary: 'Close the campaign' })
  @ApiOkResponse({ type: CommandResponseDto })
  close(@IdParam('campaignId') campaignId: string, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new CloseCampaignCommand({ campaignId }, meta));
  }

  @Post(':campaignId/quota-slots')
  @Roles('approver')
  @CommandRoute('AllocateQuotaSlot')
  @ApiOperation({ summary: 'Hold a quota slot for a nomination (approval does this itself; for recovery)' })
  @ApiOkResponse({ type: CommandResponseDto })
  allocate(@IdParam('campaignId') campaignId: string, @Body() body: AllocateQuotaSlotRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new AllocateQuotaSlotCommand({ campaignId, ...plain(body) }, meta));
  }

  @Post(':campaignId/quota-slots/:nominationId/release')
  @Roles('approver', 'publisher', 'admin')
  @CommandRoute('ReleaseQuotaSlot')
  @ApiOperation({ summary: 'Release the quota slot a nomination holds' })
  @ApiOkResponse({ type: CommandResponseDto })
  release(
    @IdParam('campaignId') campaignId: string,
    @IdParam('nominationId') nominationId: string,
    @Body() body: ReleaseQuotaSlotRequestDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.execute(new ReleaseQuotaSlotCommand({ campaignId, nominationId, reason: body.reason }, meta));
  }

  @Post(':campaignId/missed-deadlines')
  @Roles('admin')
  @CommandRoute('MarkCampaignDeadlineMissed')
  @ApiOperation({ summary: 'Record that a campaign deadline passed (normally sent by the deadline job)' })
  @ApiOkResponse({ type: CommandResponseDto })
  missed(@IdParam('campaignId') campaignId: string, @Body() body: MarkDeadlineMissedRequestDto, @CommandMeta() meta: CommandMetadata) {
    return this.commands.execute(new MarkCampaignDeadlineMissedCommand({ campaignId, deadline: body.deadline }, meta));
  }
}
