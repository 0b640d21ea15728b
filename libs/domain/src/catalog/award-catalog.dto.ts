// class-transformer's @Type reads decorator metadata: load the polyfill wherever the DTOs are.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type {
  AwardCatalog,
  AwardLevel,
  AwardType,
  BallotKind,
  Criterion,
  PrerequisiteRule,
  QuotaRule,
  RecipientKind,
  Share,
  ThresholdBase,
  WorkingCalendar,
} from './award-catalog';

/**
 * class-validator shapes of the catalog, used only when a catalog is loaded (loadCatalog).
 * Cross-field rules (unique codes, references between award types) are checked there too.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ShareDto implements Share {
  @IsInt() @Min(0) parts!: number;
  @IsInt() @Min(1) of!: number;
}

export class CriterionDto implements Criterion {
  @IsString() @IsNotEmpty() code!: string;
  @IsString() @IsNotEmpty() nameVi!: string;
  @IsString() @IsNotEmpty() nameEn!: string;
  @IsNumber() @Min(0) weight!: number;
  @IsNumber() @Min(0) maxScore!: number;
  @IsNumber() @Min(0) minScore!: number;
}

export class QuotaRuleDto implements QuotaRule {
  @IsIn(['share_of_unit_holders']) kind!: 'share_of_unit_holders';
  @IsString() @IsNotEmpty() prerequisiteAwardCode!: string;
  @ValidateNested() @Type(() => ShareDto) maxShare!: ShareDto;
  @IsIn(['floor', 'round', 'ceil']) rounding!: 'floor' | 'round' | 'ceil';
}

export class PrerequisiteRuleDto implements PrerequisiteRule {
  @IsString() @IsNotEmpty() awardCode!: string;
  @IsInt() @Min(1) years!: number;
}

export class AwardTypeDto implements AwardType {
  @IsString() @Matches(/^[a-z][a-z0-9_]*$/) code!: string;
  @IsString() @IsNotEmpty() nameVi!: string;
  @IsString() @IsNotEmpty() nameEn!: string;
  @IsIn(['individual', 'collective']) recipientKind!: RecipientKind;
  @IsIn(['grassroots', 'provincial', 'ministerial', 'national']) level!: AwardLevel;
  @IsBoolean() requiresPledge!: boolean;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => CriterionDto) criteria!: CriterionDto[];
  @IsNumber() @Min(0) @Max(100) passMark!: number;
  @IsInt() @Min(1) evaluatorsRequired!: number;
  @IsInt() @Min(0) noticeWorkingDays!: number;
  @ValidateNested() @Type(() => ShareDto) quorum!: ShareDto;
  @ValidateNested() @Type(() => ShareDto) threshold!: ShareDto;
  @IsIn(['all_members', 'members_present']) thresholdBase!: ThresholdBase;
  @IsIn(['secret', 'open']) ballot!: BallotKind;
  @IsString() @IsNotEmpty() approverRole!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => QuotaRuleDto) quotas!: QuotaRuleDto[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => PrerequisiteRuleDto) prerequisites!: PrerequisiteRuleDto[];
}

export class WorkingCalendarDto implements WorkingCalendar {
  @IsArray() @Matches(ISO_DATE, { each: true }) holidays!: string[];
  @IsArray() @Matches(ISO_DATE, { each: true }) workingWeekends!: string[];
  @IsInt() @Min(-720) @Max(840) utcOffsetMinutes!: number;
}

export class AwardCatalogDto implements AwardCatalog {
  @IsString() @IsNotEmpty() version!: string;
  @ValidateNested() @Type(() => WorkingCalendarDto) calendar!: WorkingCalendarDto;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => AwardTypeDto) awardTypes!: AwardTypeDto[];
}
