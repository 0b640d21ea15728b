import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DOSSIER, dossier, dossiers, type DossierStatus } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiActor } from '../auth/actor';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { assertOwnUnit, limitedToOwnUnit } from '../auth/unit-scope';
import { ProblemException } from '../errors/problem';
import { sendConditional } from '../read-models/conditional-get';
import { answerOf, ReadCache } from '../read-models/read-cache';
import { IdParam } from '../shared/path-params';
import { InjectReadModels } from '../shared/read-models';
import { ID_PATTERN } from '../shared/validators';

const STATUSES: DossierStatus[] = [
  'pledged',
  'submitted',
  'returned',
  'evaluated',
  'evaluation_failed',
  'notice_open',
  'notice_closed',
  'voting',
  'voted',
  'vote_failed',
  'approved',
  'rejected',
  'published',
  'revoked',
  'withdrawn',
];

export class DossierListQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: DossierStatus;
  @ApiPropertyOptional({ description: "The nominee's unit (a unit officer's list is always their own unit)" })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  unitId?: string;
  @ApiPropertyOptional({ description: 'The last nominationId of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN)
  after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

const STAFF = ['unit_officer', 'evaluator', 'council_member', 'council_secretary', 'approver', 'publisher', 'auditor', 'admin'] as const;

@ApiTags('dossiers')
@Controller()
export class DossiersController {
  constructor(
    @InjectReadModels() private readonly sql: SqlClient,
    private readonly cache: ReadCache,
  ) {}

  @Get('nominations/:nominationId/dossier')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Everything about one nomination, each part citing the events it rests on (unit officers: own unit only)' })
  @Header('content-type', 'application/json; charset=utf-8')
  async one(
    @IdParam('nominationId') nominationId: string,
    @CurrentActor() actor: ApiActor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const found = await this.cache.read(DOSSIER, nominationId, async () => {
      const read = await dossier(this.sql, nominationId);
      return read && answerOf(JSON.stringify(read), read.nominee?.unitId);
    });
    if (!found) throw new ProblemException(404, 'NOMINATION_NOT_FOUND', 'Not found', `No dossier for nomination ${nominationId}.`);
    assertOwnUnit(actor, found.unitId);
    return sendConditional(request, reply, found, 'private');
  }

  @Get('campaigns/:campaignId/dossiers')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The dossiers of a campaign, by nomination id (unit officers: own unit only)' })
  async list(@IdParam('campaignId') campaignId: string, @Query() query: DossierListQueryDto, @CurrentActor() actor: ApiActor) {
    // Filtered in SQL, so a unit officer's pages are as full as anyone's.
    if (query.unitId !== undefined) assertOwnUnit(actor, query.unitId);
    const ownOnly = limitedToOwnUnit(actor);
    const unitId = ownOnly ? actor.unit : query.unitId;
    if (ownOnly && !unitId) return [];
    return dossiers(this.sql, { campaignId, status: query.status, unitId, after: query.after, limit: query.limit });
  }
}
