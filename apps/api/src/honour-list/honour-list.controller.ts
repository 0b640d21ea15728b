import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { HONOUR_LIST, honourEntry, honourListJson } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorators';
import { ProblemException } from '../errors/problem';
import { sendConditional } from '../read-models/conditional-get';
import { answerOf, ReadCache } from '../read-models/read-cache';
import { IdParam } from '../shared/path-params';
import { InjectReadModels } from '../shared/read-models';
import { ID_PATTERN } from '../shared/validators';

export class HonourListQueryDto {
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: '$property must be an award code' })
  awardCode?: string;
}

const EMPTY_LIST = answerOf('[]');

/** What anyone may read: published awards (revoked ones stay, marked), never who objected. */
@ApiTags('honour list')
@Controller()
export class HonourListController {
  constructor(
    @InjectReadModels() private readonly sql: SqlClient,
    private readonly cache: ReadCache,
  ) {}

  @Get('campaigns/:campaignId/honour-list')
  @Public()
  @ApiOperation({ summary: 'The honour list of a campaign, by award then rank' })
  @ApiQuery({ name: 'awardCode', required: false })
  @ApiOkResponse({ description: 'Entries, revoked ones included and marked' })
  @Header('content-type', 'application/json; charset=utf-8')
  async list(
    @IdParam('campaignId') campaignId: string,
    @Query() query: HonourListQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    const filter = { campaignId, ...(query.awardCode !== undefined ? { awardCode: query.awardCode } : {}) };
    // Ids never hold a space (ID_PATTERN), so the key is unambiguous. Empty lists are not kept:
    // they cost one index probe to answer, and anyone may ask for any campaign id, which
    // would otherwise push real lists out of the cache.
    const answer = await this.cache.read(HONOUR_LIST, `${campaignId} ${query.awardCode ?? ''}`, async () => {
      const json = await honourListJson(this.sql, filter);
      return json === '[]' ? null : answerOf(json);
    });
    return sendConditional(request, reply, answer ?? EMPTY_LIST, 'public');
  }

  @Get('honour-list/:nominationId')
  @Public()
  @ApiOperation({ summary: 'One honour list entry' })
  async entry(@IdParam('nominationId') nominationId: string) {
    const found = await honourEntry(this.sql, nominationId);
    if (!found) throw new ProblemException(404, 'NOT_FOUND', 'Not found', `No published award for nomination ${nominationId}.`);
    return found;
  }
}
