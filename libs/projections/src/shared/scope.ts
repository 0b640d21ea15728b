import type { AwardCatalog, AwardType, CampaignOpened, CampaignSchedule } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { campaignIdOf, collect, nominationIdOf } from '../core/event-data';
import type { Cite, Row, RowLoader, RowView } from '../core/projection';

/**
 * Most nomination events do not say which campaign they belong to; projections keep the
 * campaign's catalog snapshot and a small per-nomination scope so that every row can name the
 * rule in force. Each projection keeps its own copy (projections never read each other).
 */
export type CampaignScope = Row & {
  campaignId: string;
  name: string;
  year: number;
  councilId: string;
  catalogVersion: string;
  catalog: AwardCatalog;
  schedule: CampaignSchedule;
  source: Cite;
};

export type NominationScope = Row & {
  nominationId: string;
  campaignId: string | null;
  awardCode: string | null;
  unitId: string | null;
  nomineeId: string | null;
};

export const CAMPAIGNS_TABLE = { name: 'campaigns', columns: [] };
export const SCOPES_TABLE = { name: 'scopes', columns: [] };

export function campaignScope(event: CampaignOpened, source: Cite): CampaignScope {
  const d = event.data;
  return {
    campaignId: d.campaignId,
    name: d.name,
    year: d.year,
    councilId: d.councilId,
    catalogVersion: d.catalogVersion,
    catalog: d.catalog,
    schedule: d.schedule,
    source,
  };
}

/** Loads the scopes of the batch's nominations, then the campaigns they and the events name. */
export async function prepareScopes(events: readonly StoredEvent[], rows: RowLoader): Promise<void> {
  const nominations = collect(events, nominationIdOf);
  await rows.load(SCOPES_TABLE.name, nominations);
  const campaigns = collect(events, campaignIdOf);
  for (const id of nominations) {
    const scope = rows.get<NominationScope>(SCOPES_TABLE.name, id);
    if (scope?.campaignId) campaigns.add(scope.campaignId);
  }
  await rows.load(CAMPAIGNS_TABLE.name, campaigns);
}

/**
 * Keeps the scope tables up to date for one event; call it first in `apply`. Returns the
 * nomination scope (if the event is about a nomination) and its campaign (if known).
 */
export function trackScope(event: StoredEvent, rows: RowView): { scope: NominationScope | null; campaign: CampaignScope | null } {
  const data = event.data as Record<string, unknown>;
  if (event.type === 'CampaignOpened') {
    rows.put(CAMPAIGNS_TABLE.name, String(data.campaignId), campaignScope(event as unknown as CampaignOpened, { position: event.position, hash: event.hash }));
  }
  const nominationId = nominationIdOf(event);
  let scope: NominationScope | null = null;
  if (nominationId !== null) {
    scope = rows.get<NominationScope>(SCOPES_TABLE.name, nominationId) ?? null;
    if (event.type === 'NominationPledged' || event.type === 'NominationSubmitted') {
      const unitId = (event.type === 'NominationPledged' ? data.unitId : data.nomineeUnitId) as string;
      scope = {
        nominationId,
        campaignId: data.campaignId as string,
        awardCode: data.awardCode as string,
        unitId,
        nomineeId: data.nomineeId as string,
      };
      rows.put(SCOPES_TABLE.name, nominationId, scope);
    } else if (!scope) {
      scope = { nominationId, campaignId: null, awardCode: null, unitId: null, nomineeId: null };
    }
  }
  const campaignId = scope?.campaignId ?? campaignIdOf(event);
  const campaign = campaignId ? (rows.get<CampaignScope>(CAMPAIGNS_TABLE.name, campaignId) ?? null) : null;
  return { scope, campaign };
}

export function awardOf(campaign: CampaignScope | null, awardCode: string | null): AwardType | null {
  if (!campaign || !awardCode) return null;
  return campaign.catalog.awardTypes.find((a) => a.code === awardCode) ?? null;
}
