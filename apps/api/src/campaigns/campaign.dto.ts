import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import { CAMPAIGN_PHASES, DEADLINE_KINDS, type CampaignPhase, type DeadlineKind } from '@vinhdanh/domain';
import { IsId, IsInstant, IsText } from '../shared/validators';

export class CampaignScheduleDto {
  @IsInstant('2026-03-31T17:00:00+07:00') pledgeDeadline!: string;
  @IsInstant('2026-08-31T17:00:00+07:00') nominationDeadline!: string;
  @IsInstant('2026-09-30T17:00:00+07:00') evaluationDeadline!: string;
  @IsInstant('2026-10-01T08:00:00+07:00') noticeStart!: string;
  @IsInstant('2026-10-31T17:00:00+07:00') noticeEnd!: string;
  @IsInstant('2026-11-10T08:00:00+07:00') councilSessionAt!: string;
  @IsInstant('2026-11-30T17:00:00+07:00') decisionDeadline!: string;
  @IsInstant('2026-12-15T17:00:00+07:00') publicationDeadline!: string;
}

/** The catalog is the one in force (configured at start-up); the campaign snapshots it. */
export class OpenCampaignRequestDto {
  @IsId('2026-provincial') campaignId!: string;
  @IsText(300, 'Phong trào thi đua năm 2026') name!: string;
  @ApiProperty({ example: 2026, minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
  @IsId('provincial-council') councilId!: string;
  @ApiProperty({ type: CampaignScheduleDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignScheduleDto)
  schedule!: CampaignScheduleDto;
}

export class AdvanceCampaignPhaseRequestDto {
  @ApiProperty({ enum: CAMPAIGN_PHASES })
  @IsIn(CAMPAIGN_PHASES)
  to!: CampaignPhase;
}

export class AllocateQuotaSlotRequestDto {
  @IsId() nominationId!: string;
  @IsId('flag') awardCode!: string;
  @IsId('unit-education') unitId!: string;
}

export class ReleaseQuotaSlotRequestDto {
  @IsText(1000, 'The approval was annulled') reason!: string;
}

export class MarkDeadlineMissedRequestDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  @IsIn(DEADLINE_KINDS)
  deadline!: DeadlineKind;
}
