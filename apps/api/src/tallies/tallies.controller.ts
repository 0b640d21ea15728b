import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { tallies } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import { Roles } from '../auth/access.decorators';
import { IdParam } from '../shared/path-params';
import { InjectReadModels } from '../shared/read-models';

const COUNCIL_AND_OVERSIGHT = ['council_member', 'council_secretary', 'approver', 'publisher', 'auditor', 'admin'] as const;

/**
 * Secret ballots appear as participation (who voted) and, once voting closed, the ballots in
 * their shuffled revealed order (ballot id and choice): a voter finds their receipt among them,
 * and nothing links one list to the other.
 */
@ApiTags('council vote')
@Controller()
export class TalliesController {
  constructor(@InjectReadModels() private readonly sql: SqlClient) {}

  @Get('nominations/:nominationId/tallies')
  @Roles(...COUNCIL_AND_OVERSIGHT)
  @ApiOperation({ summary: 'The council\'s votes on a nomination: quorum, threshold, counts, revealed ballots' })
  forNomination(@IdParam('nominationId') nominationId: string) {
    return tallies(this.sql, { nominationId });
  }

  @Get('campaigns/:campaignId/tallies')
  @Roles(...COUNCIL_AND_OVERSIGHT)
  @ApiOperation({ summary: 'Every council vote of a campaign' })
  forCampaign(@IdParam('campaignId') campaignId: string) {
    return tallies(this.sql, { campaignId });
  }
}
