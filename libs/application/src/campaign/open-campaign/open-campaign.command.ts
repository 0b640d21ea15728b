import type { AwardCatalog, OpenCampaign } from '@vinhdanh/domain';
import { WorkflowCommand, type WorkflowResult } from '../kit';

/** Without a catalog, the campaign snapshots the catalog the workflow was configured with. */
export type OpenCampaignData = Omit<OpenCampaign['data'], 'catalog'> & { catalog?: AwardCatalog };

export class OpenCampaignCommand extends WorkflowCommand<OpenCampaignData, WorkflowResult> {
  readonly type = 'OpenCampaign' as const;
}
