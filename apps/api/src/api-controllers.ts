import type { Type } from '@nestjs/common';
import { AuditTrailController } from './audit/audit-trail.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { DossiersController } from './dossiers/dossiers.controller';
import { FairnessController } from './fairness/fairness.controller';
import { CampaignProgressController } from './progress/campaign-progress.controller';
import { CouncilsController } from './councils/councils.controller';
import { PublicNoticesController } from './honour-list/public-notices.controller';
import { LedgerController } from './ledger/ledger.controller';
import { HonourListController } from './honour-list/honour-list.controller';
import { DecisionController } from './nominations/decision.controller';
import { EvaluationController } from './nominations/evaluation.controller';
import { NominationsController } from './nominations/nominations.controller';
import { PublicNoticeController } from './nominations/public-notice.controller';
import { VotingController } from './nominations/voting.controller';
import { TalliesController } from './tallies/tallies.controller';
import { HealthController } from './observability/health.controller';
import { MetricsController } from './observability/metrics.controller';

/** Every controller of the API, by capability. */
export const API_CONTROLLERS: Type[] = [
  CampaignsController,
  CouncilsController,
  NominationsController,
  EvaluationController,
  PublicNoticeController,
  VotingController,
  DecisionController,
  HonourListController,
  PublicNoticesController,
  LedgerController,
  DossiersController,
  TalliesController,
  CampaignProgressController,
  FairnessController,
  AuditTrailController,
  HealthController,
  MetricsController,
];
