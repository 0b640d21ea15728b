import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { campaignProgress } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import type { ApiActor } from '../auth/actor';
import { Roles } from '../auth/access.decorators';
import { CurrentActor } from '../auth/current-actor.decorator';
import { limitedToOwnUnit } from '../auth/unit-scope';
import { CLOCK, type Clock } from '../commands/clock';
import { ProblemException } from '../errors/problem';
import { IdParam } from '../shared/path-params';
import { InjectReadModels } from '../shared/read-models';

const STAFF = ['unit_officer', 'evaluator', 'council_member', 'council_secretary', 'approver', 'publisher', 'auditor', 'admin'] as const;

@ApiTags('campaigns')
@Controller()
export class CampaignProgressController {
  constructor(
    @InjectReadModels() private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Where every nomination stands, what is late and who it waits on; a unit officer sees their unit's part. */
  @Get('campaigns/:campaignId/progress')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Campaign progress: counts by stage and unit, upcoming deadlines, overdue steps, missed deadlines' })
  async progress(@IdParam('campaignId') campaignId: string, @CurrentActor() actor: ApiActor) {
    const found = await campaignProgress(this.sql, campaignId, this.clock());
    if (!found) throw new ProblemException(404, 'CAMPAIGN_NOT_FOUND', 'Not found', `No campaign ${campaignId}.`);
    if (!limitedToOwnUnit(actor)) return found;
    const unit = actor.unit ?? '';
    return {
      ...found,
      byUnit: unit in found.byUnit ? { [unit]: found.byUnit[unit] } : {},
      overdue: found.overdue.filter((item) => item.unitId === unit),
    };
  }
}
