import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { EVENT_TYPES } from '@vinhdanh/domain';
import { auditTrail } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import { Roles } from '../auth/access.decorators';
import { InjectReadModels } from '../shared/read-models';
import { ID_PATTERN } from '../shared/validators';

const IdFilter = () => (target: object, key: string) => {
  ApiPropertyOptional()(target, key);
  IsOptional()(target, key);
  IsString()(target, key);
  Matches(ID_PATTERN, { message: '$property must be an id' })(target, key);
};

export class AuditTrailQueryDto {
  @IdFilter() nominationId?: string;
  @IdFilter() actorId?: string;
  @IdFilter() unitId?: string;
  @IdFilter() campaignId?: string;
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  eventType?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
  @ApiPropertyOptional({ description: 'The previous page\'s nextAfter' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  after?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

@ApiTags('audit')
@Controller('audit-trail')
export class AuditTrailController {
  constructor(@InjectReadModels() private readonly sql: SqlClient) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Who did what, when, under which request: every event, filterable, paged by log position' })
  list(@Query() query: AuditTrailQueryDto) {
    const { after, limit, ...filters } = query;
    return auditTrail(this.sql, strip(filters), strip({ after, limit }));
  }
}

function strip<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
