import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import type { CouncilRole } from '@vinhdanh/domain';
import { ID_PATTERN, IsId, IsText } from '../shared/validators';

const COUNCIL_ROLES: CouncilRole[] = ['chair', 'vice_chair', 'secretary', 'member'];

export class CouncilMemberDto {
  @IsId('member-01', 'The member\'s user id (the token subject they act under)') memberId!: string;
  @IsText(200, 'Nguyễn Văn A') name!: string;
  @ApiProperty({ enum: COUNCIL_ROLES })
  @IsIn(COUNCIL_ROLES)
  councilRole!: CouncilRole;
  @IsId('unit-education') unitId!: string;
}

export class ConstituteCouncilRequestDto {
  @IsId('provincial-council') councilId!: string;
  @IsText(300, 'Hội đồng Thi đua – Khen thưởng tỉnh') name!: string;
  @ApiProperty({ type: [CouncilMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CouncilMemberDto)
  members!: CouncilMemberDto[];
}

export class AddCouncilMemberRequestDto {
  @ApiProperty({ type: CouncilMemberDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CouncilMemberDto)
  member!: CouncilMemberDto;
}

export class RemoveCouncilMemberRequestDto {
  @IsText(1000, 'Retired') reason!: string;
}

export class OpenSessionRequestDto {
  @IsId('session-2026-11') sessionId!: string;
  @ApiProperty({ type: [String], description: 'Member ids present' })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: 'each of $property must be a member id' })
  present!: string[];
}
