import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DEADLINE_KINDS, type Choice, type DeadlineKind, type NomineeRole } from '@vinhdanh/domain';
import { IsId, IsInstant, IsLocalDate, IsOptionalId, IsText } from '../shared/validators';

const NOMINEE_ROLES: NomineeRole[] = ['manager', 'direct_worker'];
const CHOICES: Choice[] = ['yes', 'no', 'abstain'];

export class EvidenceDto {
  @IsText(300, 'bao-cao-thanh-tich-2026.pdf') name!: string;
  @ApiProperty({ example: 'a'.repeat(64), description: 'SHA-256 of the file, lowercase hex' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be 64 lowercase hex characters (SHA-256)' })
  sha256!: string;
  @ApiProperty({ example: 'application/pdf' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/, { message: '$property must be a media type such as application/pdf' })
  mediaType!: string;
}

const TextList = (example: string, max = 100) => (target: object, key: string) => {
  ApiProperty({ type: [String], example: [example] })(target, key);
  IsArray()(target, key);
  ArrayMaxSize(max)(target, key);
  IsString({ each: true })(target, key);
  MinLength(1, { each: true })(target, key);
  MaxLength(2000, { each: true })(target, key);
};

const EvidenceList = (min: number) => (target: object, key: string) => {
  ApiProperty({ type: [EvidenceDto] })(target, key);
  IsArray()(target, key);
  ArrayMinSize(min)(target, key);
  ArrayMaxSize(100)(target, key);
  ValidateNested({ each: true })(target, key);
  Type(() => EvidenceDto)(target, key);
};

export class PledgeNominationRequestDto {
  @IsOptionalId('Chosen by the server when absent') nominationId?: string;
  @IsId('2026-provincial') campaignId!: string;
  @IsId('emulation_fighter') awardCode!: string;
  @IsId('unit-education') unitId!: string;
  @IsId('person-0042') nomineeId!: string;
  @IsText(300, 'Trần Thị B') nomineeName!: string;
  @TextList('Hoàn thành xuất sắc nhiệm vụ', 50) targets!: string[];
}

export class SubmitNominationRequestDto {
  @IsOptionalId('The pledge\'s id when the award needs a pledge; chosen by the server when absent') nominationId?: string;
  @IsId('2026-provincial') campaignId!: string;
  @IsId('emulation_fighter') awardCode!: string;
  @IsId('person-0042') nomineeId!: string;
  @IsText(300, 'Trần Thị B') nomineeName!: string;
  @IsId('unit-education') nomineeUnitId!: string;
  @ApiPropertyOptional({ enum: NOMINEE_ROLES, description: 'Required for individuals, absent for collectives' })
  @IsOptional()
  @IsIn(NOMINEE_ROLES)
  nomineeRole?: NomineeRole;
  @TextList('Sáng kiến được công nhận cấp tỉnh') achievements!: string[];
  @EvidenceList(0) evidence!: EvidenceDto[];
}

export class ReturnNominationRequestDto {
  @IsText(2000, 'Thiếu minh chứng') reason!: string;
  @IsInstant('2026-09-15T17:00:00+07:00') resubmitBy!: string;
}

export class ResubmitNominationRequestDto {
  @TextList('Sáng kiến được công nhận cấp tỉnh') achievements!: string[];
  @EvidenceList(0) evidence!: EvidenceDto[];
}

export class AssignEvaluatorRequestDto {
  @IsId('evaluator-07') evaluatorId!: string;
  @IsId('unit-emulation-board') evaluatorUnitId!: string;
}

export class CriterionScoreDto {
  @IsId('performance') criterionCode!: string;
  @ApiProperty({ example: 8.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1000)
  score!: number;
}

export class ScoreEvaluationRequestDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores!: CriterionScoreDto[];
}

/** Who files: kept in the erasable personal-data store, never in the log or any public page. */
export class ObjectionFilerDto {
  @IsText(200, 'Lê Văn C') name!: string;
  @IsText(300, 'levanc@example.vn', 'How to reach the filer (phone, e-mail or address)') contact!: string;
}

export class FileObjectionRequestDto {
  @IsText(4000, 'Thành tích kê khai chưa chính xác') summary!: string;
  @ApiProperty({ type: ObjectionFilerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ObjectionFilerDto)
  filer!: ObjectionFilerDto;
}

export class ResolveObjectionRequestDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'] })
  @IsIn(['upheld', 'dismissed'])
  outcome!: 'upheld' | 'dismissed';
  @IsText(2000, 'Đã xác minh, thành tích đúng') reason!: string;
}

export class ReasonRequestDto {
  @IsText(2000, 'Có quan hệ họ hàng với người được đề nghị') reason!: string;
}

export class SessionRequestDto {
  @IsId('session-2026-11') sessionId!: string;
}

export class OpenVotingRequestDto {
  @IsId('session-2026-11') sessionId!: string;
  /** The deadline job closes the vote then; absent, at the campaign's decision deadline. */
  @IsOptional()
  @IsInstant('2026-10-20T17:00:00+07:00', 'When the vote ends: after now, no later than the decision deadline')
  closesAt?: string;
}

export class CastBallotRequestDto {
  @IsId('session-2026-11') sessionId!: string;
  @ApiProperty({ enum: CHOICES, description: 'Secret ballots: sealed in the ballot box, never in the log, never logged' })
  @IsIn(CHOICES)
  choice!: Choice;
}

export class ApproveNominationRequestDto {
  @IsText(100, '1234/QĐ-UBND') decisionNumber!: string;
  @IsLocalDate('2026-11-25') decisionDate!: string;
}

export class PublishNominationRequestDto {
  @IsId('2026-provincial-flag') honourListId!: string;
  @ApiProperty({ example: 1, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(100000)
  rank!: number;
}

export class RevokeAwardRequestDto {
  @IsText(2000, 'Điều 19 Luật Thi đua, Khen thưởng 2022') legalGround!: string;
  @IsText(100, '88/QĐ-UBND') decisionNumber!: string;
  @IsLocalDate('2027-02-10') decisionDate!: string;
}

export class MarkNominationDeadlineMissedRequestDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  @IsIn(DEADLINE_KINDS)
  deadline!: DeadlineKind;
}

export class FileObjectionResponseDto {
  @ApiProperty() objectionId!: string;
  @ApiProperty({ description: 'Reference of your contact details; they can be erased on request' }) filerRef!: string;
}

export class CastBallotResponseDto {
  @ApiProperty({ nullable: true, description: 'Secret ballot: your receipt, to find your ballot in the published tally' })
  receipt!: string | null;
}
