import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { dossier, dossiers } from '@vinhdanh/projections';
import type { SqlClient } from '@vinhdanh/sql';
import { Public } from '../auth/access.decorators';
import { IdParam } from '../shared/path-params';
import { InjectReadModels } from '../shared/read-models';

/**
 * What the public notice shows (công khai): who is proposed for which award, and until when
 * anyone may object. Drawn from the dossiers, keeping only what is meant to be public: no
 * evidence files, no scores, no objection texts, nobody's contact details.
 */
@ApiTags('public notice')
@Controller()
export class PublicNoticesController {
  constructor(@InjectReadModels() private readonly sql: SqlClient) {}

  @Get('campaigns/:campaignId/public-notices')
  @Public()
  @ApiOperation({ summary: 'Nominations open for public notice in a campaign, with the dates objections are accepted' })
  async open(@IdParam('campaignId') campaignId: string) {
    const open = await dossiers(this.sql, { campaignId, status: 'notice_open', limit: 500 });
    const notices = [];
    for (const summary of open) {
      const full = await dossier(this.sql, summary.nominationId);
      if (!full?.notice) continue;
      notices.push({
        nominationId: full.nominationId,
        awardCode: full.awardCode,
        awardNameEn: full.awardNameEn,
        nominee: full.nominee ? { name: full.nominee.name, unitId: full.nominee.unitId } : null,
        startDate: full.notice.startDate,
        endDate: full.notice.endDate,
        objectionsFiled: full.objections.length,
      });
    }
    return notices;
  }
}
