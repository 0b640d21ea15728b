import { councilStream, findAwardType, type AwardCatalog, type CouncilMember, type DomainEvent } from '@vinhdanh/domain';
import type { EventStore } from '@vinhdanh/event-store';
import { DOSSIER, readTable } from '@vinhdanh/projections';
import type { SqlExecutor } from '@vinhdanh/sql';
import type { Lang } from '../i18n/i18n';

export interface CampaignView {
  campaignId: string;
  name: string;
  year: number;
  councilId: string;
  catalog: AwardCatalog;
}

/** The campaigns the read models know, from the dossier model's copy of each CampaignOpened. */
export async function listCampaigns(sql: SqlExecutor): Promise<CampaignView[]> {
  const table = await readTable(sql, DOSSIER, 'campaigns');
  if (!table) return [];
  const rows = await sql.query<{ doc: string }>(`SELECT doc FROM ${table} ORDER BY k`);
  return rows.map((r) => JSON.parse(r.doc) as CampaignView).sort((a, b) => b.year - a.year || (a.campaignId < b.campaignId ? -1 : 1));
}

export function awardName(campaign: CampaignView | undefined, code: string | null, lang: Lang): string {
  if (!code) return '';
  const award = campaign ? findAwardType(campaign.catalog, code) : undefined;
  if (!award) return code;
  return lang === 'vi' ? award.nameVi : award.nameEn;
}

export interface SessionView {
  sessionId: string;
  present: string[];
  openedAt: string;
  closedAt: string | null;
}

export interface CouncilView {
  councilId: string;
  name: string;
  members: CouncilMember[];
  sessions: SessionView[];
}

/** A council as its own stream tells it (members and sessions); small, so read whole. */
export async function readCouncil(store: EventStore, councilId: string): Promise<CouncilView | null> {
  let view: CouncilView | null = null;
  for await (const stored of store.readStream(councilStream(councilId))) {
    const event = { type: stored.type, data: stored.data } as DomainEvent;
    switch (event.type) {
      case 'CouncilConstituted':
        view = { councilId, name: event.data.name, members: [...event.data.members], sessions: [] };
        break;
      case 'MemberAdded':
        view?.members.push(event.data.member);
        break;
      case 'MemberRemoved':
        if (view) view.members = view.members.filter((m) => m.memberId !== event.data.memberId);
        break;
      case 'SessionOpened':
        view?.sessions.push({ sessionId: event.data.sessionId, present: event.data.present, openedAt: event.data.openedAt, closedAt: null });
        break;
      case 'SessionClosed': {
        const session = view?.sessions.find((s) => s.sessionId === event.data.sessionId);
        if (session) session.closedAt = event.data.closedAt;
        break;
      }
      default:
        break;
    }
  }
  return view;
}
