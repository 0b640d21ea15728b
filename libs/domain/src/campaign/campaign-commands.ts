import type { CommandMetadata } from '../shared/command-metadata';
import type { AwardCatalog } from '../catalog/award-catalog';
import type { CampaignPhase, CampaignSchedule, DeadlineKind } from './campaign-events';

export type OpenCampaign = {
  type: 'OpenCampaign';
  data: {
    campaignId: string;
    name: string;
    year: number;
    councilId: string;
    /** The catalog in force, already validated by loadCatalog; it is copied into the event. */
    catalog: AwardCatalog;
    schedule: CampaignSchedule;
  };
  metadata: CommandMetadata;
};

export type AdvanceCampaignPhase = {
  type: 'AdvanceCampaignPhase';
  data: { campaignId: string; to: CampaignPhase };
  metadata: CommandMetadata;
};

export type CloseCampaign = {
  type: 'CloseCampaign';
  data: { campaignId: string };
  metadata: CommandMetadata;
};

export type AllocateQuotaSlot = {
  type: 'AllocateQuotaSlot';
  data: { campaignId: string; nominationId: string; awardCode: string; unitId: string };
  metadata: CommandMetadata;
};

export type ReleaseQuotaSlot = {
  type: 'ReleaseQuotaSlot';
  data: { campaignId: string; nominationId: string; reason: string };
  metadata: CommandMetadata;
};

export type MarkCampaignDeadlineMissed = {
  type: 'MarkCampaignDeadlineMissed';
  data: { campaignId: string; deadline: DeadlineKind };
  metadata: CommandMetadata;
};

export type CampaignCommand =
  | OpenCampaign
  | AdvanceCampaignPhase
  | CloseCampaign
  | AllocateQuotaSlot
  | ReleaseQuotaSlot
  | MarkCampaignDeadlineMissed;
