import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { fairnessChecks, fairnessReport } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import { Roles } from '../auth/access.decorators';
import { IdParam } from '../shared/path-params';
import { InjectReadModels } from '../shared/read-models';

const OVERSIGHT = ['auditor', 'admin', 'approver', 'council_secretary'] as const;

/** Every rule re-checked from the events, and how the awards are spread over units, levels and roles. */
@ApiTags('audit')
@Controller()
export class FairnessController {
  constructor(@InjectReadModels() private readonly sql: SqlClient) {}

  @Get('campaigns/:campaignId/fairness')
  @Roles(...OVERSIGHT)
  @ApiOperation({ summary: 'Fairness report: rule checks per decision and the distribution of awards, with outliers flagged' })
  report(@IdParam('campaignId') campaignId: string) {
    return fairnessReport(this.sql, campaignId);
  }

  @Get('nominations/:nominationId/fairness')
  @Roles(...OVERSIGHT)
  @ApiOperation({ summary: 'The rule checks of one nomination' })
  checks(@IdParam('nominationId') nominationId: string) {
    return fairnessChecks(this.sql, nominationId);
  }
}
