import type { DomainEvent } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { collect, domainEvent, nominationIdOf } from '../core/event-data';
import { cite, type Cite, type Projection, type Row, type RowLoader, type RowView } from '../core/projection';
import { awardOf, CAMPAIGNS_TABLE, prepareScopes, SCOPES_TABLE, trackScope } from '../shared/scope';

export const HONOUR_LIST = 'honour_list';

export type Revocation = { decisionNumber: string; decisionDate: string; legalGround: string; revokedAt: string; source: Cite };

/** A public entry: published awards only; a revoked one stays, marked revoked. */
export type HonourEntry = Row & {
  nominationId: string;
  campaignId: string;
  awardCode: string;
  awardNameVi: string | null;
  awardNameEn: string | null;
  level: string | null;
  recipientKind: string;
  nomineeName: string;
  unitId: string;
  decisionNumber: string;
  decisionDate: string;
  signerRole: string;
  honourListId: string;
  rank: number;
  publishedAt: string;
  status: 'published' | 'revoked';
  revocation: Revocation | null;
  /** Submission, approval, publication and (if any) revocation events. */
  sources: (Cite & { type: string })[];
};

/** What is known of a nomination before it is published (internal to this model). */
type Pending = Row & {
  nominationId: string;
  nomineeName: string;
  unitId: string;
  recipientKind: string;
  awardCode: string;
  campaignId: string;
  sources: (Cite & { type: string })[];
  approval: { decisionNumber: string; decisionDate: string; signerRole: string } | null;
};

const source = (event: StoredEvent) => ({ ...cite(event), type: event.type });

export const honourListProjection: Projection = {
  name: HONOUR_LIST,
  tables: [
    {
      name: 'entries',
      columns: [
        { name: 'campaign_id', type: 'text', field: 'campaignId' },
        { name: 'award_code', type: 'text', field: 'awardCode' },
        { name: 'rank', type: 'int', field: 'rank' },
        { name: 'status', type: 'text', field: 'status' },
      ],
      indexes: [['campaign_id', 'award_code', 'rank']],
    },
    { name: 'pending', columns: [] },
    CAMPAIGNS_TABLE,
    SCOPES_TABLE,
  ],

  async prepare(events: readonly StoredEvent[], rows: RowLoader) {
    await prepareScopes(events, rows);
    const ids = collect(events, nominationIdOf);
    await rows.load('pending', ids);
    await rows.load('entries', ids);
  },

  apply(event: StoredEvent, rows: RowView) {
    const { campaign } = trackScope(event, rows);
    const e: DomainEvent | null = domainEvent(event);
    if (!e) return;
    switch (e.type) {
      case 'NominationSubmitted': {
        const d = e.data;
        const pending: Pending = {
          nominationId: d.nominationId,
          nomineeName: d.nomineeName,
          unitId: d.nomineeUnitId,
          recipientKind: d.recipientKind,
          awardCode: d.awardCode,
          campaignId: d.campaignId,
          sources: [source(event)],
          approval: null,
        };
        rows.put('pending', d.nominationId, pending);
        return;
      }
      case 'NominationApproved': {
        const pending = rows.get<Pending>('pending', e.data.nominationId);
        if (!pending) return;
        pending.approval = { decisionNumber: e.data.decisionNumber, decisionDate: e.data.decisionDate, signerRole: e.data.signerRole };
        pending.sources.push(source(event));
        rows.put('pending', pending.nominationId, pending);
        return;
      }
      case 'NominationRejected':
      case 'NominationWithdrawn':
        rows.delete('pending', e.data.nominationId);
        return;
      case 'NominationPublished': {
        const pending = rows.get<Pending>('pending', e.data.nominationId);
        if (!pending?.approval) return;
        const award = awardOf(campaign, pending.awardCode);
        const entry: HonourEntry = {
          nominationId: pending.nominationId,
          campaignId: pending.campaignId,
          awardCode: pending.awardCode,
          awardNameVi: award?.nameVi ?? null,
          awardNameEn: award?.nameEn ?? null,
          level: award?.level ?? null,
          recipientKind: pending.recipientKind,
          nomineeName: pending.nomineeName,
          unitId: pending.unitId,
          ...pending.approval,
          honourListId: e.data.honourListId,
          rank: e.data.rank,
          publishedAt: e.data.publishedAt,
          status: 'published',
          revocation: null,
          sources: [...pending.sources, source(event)],
        };
        rows.put('entries', entry.nominationId, entry);
        rows.delete('pending', entry.nominationId);
        return;
      }
      case 'AwardRevoked': {
        const entry = rows.get<HonourEntry>('entries', e.data.nominationId);
        if (!entry) return;
        entry.status = 'revoked';
        entry.revocation = {
          decisionNumber: e.data.decisionNumber,
          decisionDate: e.data.decisionDate,
          legalGround: e.data.legalGround,
          revokedAt: e.data.revokedAt,
          source: cite(event),
        };
        entry.sources.push(source(event));
        rows.put('entries', entry.nominationId, entry);
        return;
      }
      default:
        return;
    }
  },
};
