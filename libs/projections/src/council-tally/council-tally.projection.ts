import type { Choice, RecusalGround, SecretBallot, Share, ThresholdBase } from '@vinhdanh/domain';
import type { StoredEvent } from '@vinhdanh/event-store';
import { collect, domainEvent, nominationIdOf } from '../core/event-data';
import { cite, type Cite, type Projection, type Row, type RowLoader, type RowView } from '../core/projection';
import { CAMPAIGNS_TABLE, prepareScopes, SCOPES_TABLE, trackScope } from '../shared/scope';

export const COUNCIL_TALLY = 'council_tally';

/**
 * One vote of the council on one nomination in one session. Secret ballots: `participation`
 * (who voted, in the order they voted) and `ballots` (what was chosen, in the revealed order)
 * are kept apart and nothing links an entry of one to an entry of the other.
 */
export type TallyRow = Row & {
  sessionId: string;
  nominationId: string;
  councilId: string;
  campaignId: string | null;
  ballot: 'secret' | 'open';
  status: 'open' | 'closed' | 'counted';
  members: string[];
  eligible: string[];
  recused: { memberId: string; ground: RecusalGround }[];
  present: string[];
  quorum: Share;
  quorumRequired: number;
  quorumMet: boolean | null;
  participation: string[];
  ballots: SecretBallot[] | null;
  votes: { memberId: string; choice: Choice }[] | null;
  yes: number | null;
  no: number | null;
  abstain: number | null;
  threshold: Share | null;
  thresholdBase: ThresholdBase | null;
  thresholdDenominator: number | null;
  yesRequired: number | null;
  passed: boolean | null;
  sources: (Cite & { type: string })[];
};

/**
 * Every recusal from a nomination so far (internal): a recusal holds for each later vote on it,
 * as in the domain. `open` names the tally of the vote under way, which takes a recusal
 * declared during it (before the member votes) at once.
 */
type PendingRecusals = Row & { recused: { memberId: string; ground: RecusalGround }[]; open?: string };

const tallyKey = (sessionId: string, nominationId: string) => `${sessionId}|${nominationId}`;

function sessionKeyOf(event: StoredEvent): string | null {
  const data = event.data as { sessionId?: unknown; nominationId?: unknown };
  return typeof data?.sessionId === 'string' && typeof data.nominationId === 'string' ? tallyKey(data.sessionId, data.nominationId) : null;
}

export const councilTallyProjection: Projection = {
  name: COUNCIL_TALLY,
  // 2: recusals declared while a vote is open reach its row; the count's own lists are final.
  revision: 2,
  tables: [
    {
      name: 'tallies',
      columns: [
        { name: 'session_id', type: 'text', field: 'sessionId' },
        { name: 'nomination_id', type: 'text', field: 'nominationId' },
        { name: 'campaign_id', type: 'text', field: 'campaignId' },
      ],
      indexes: [['session_id'], ['nomination_id'], ['campaign_id']],
    },
    { name: 'recusals', columns: [] },
    CAMPAIGNS_TABLE,
    SCOPES_TABLE,
  ],

  async prepare(events: readonly StoredEvent[], rows: RowLoader) {
    await prepareScopes(events, rows);
    await rows.load('recusals', collect(events, (e) => (e.type === 'MemberRecused' || e.type === 'VotingOpened' ? nominationIdOf(e) : null)));
    await rows.load(
      'tallies',
      collect(events, (e) => sessionKeyOf(e) ?? (e.type === 'MemberRecused' ? (rows.get<PendingRecusals>('recusals', nominationIdOf(e)!)?.open ?? null) : null)),
    );
  },

  apply(event: StoredEvent, rows: RowView) {
    const { scope } = trackScope(event, rows);
    const e = domainEvent(event);
    if (!e) return;
    const source = { ...cite(event), type: event.type };
    switch (e.type) {
      case 'MemberRecused': {
        const pending = rows.get<PendingRecusals>('recusals', e.data.nominationId) ?? { recused: [] };
        const recusal = { memberId: e.data.memberId, ground: e.data.ground };
        const open = pending.open ? rows.get<TallyRow>('tallies', pending.open) : undefined;
        if (open?.status === 'open') {
          open.recused.push(recusal);
          open.eligible = open.eligible.filter((m) => m !== recusal.memberId);
          open.present = open.present.filter((m) => m !== recusal.memberId);
          open.sources.push(source);
          rows.put('tallies', pending.open!, open);
        }
        pending.recused.push(recusal);
        rows.put('recusals', e.data.nominationId, pending);
        return;
      }
      case 'VotingOpened': {
        const d = e.data;
        const all = rows.get<PendingRecusals>('recusals', d.nominationId)?.recused ?? [];
        const recused = all.filter((r) => d.members.includes(r.memberId));
        rows.put('recusals', d.nominationId, { recused: all, open: tallyKey(d.sessionId, d.nominationId) } satisfies PendingRecusals);
        const row: TallyRow = {
          sessionId: d.sessionId,
          nominationId: d.nominationId,
          councilId: d.councilId,
          campaignId: scope?.campaignId ?? null,
          ballot: d.ballot,
          status: 'open',
          members: d.members,
          eligible: d.eligible,
          recused,
          present: d.present,
          quorum: d.quorum,
          quorumRequired: d.quorumRequired,
          quorumMet: null,
          participation: [],
          ballots: null,
          votes: null,
          yes: null,
          no: null,
          abstain: null,
          threshold: null,
          thresholdBase: null,
          thresholdDenominator: null,
          yesRequired: null,
          passed: null,
          sources: [source],
        };
        rows.put('tallies', tallyKey(d.sessionId, d.nominationId), row);
        return;
      }
      case 'BallotCast': {
        const key = tallyKey(e.data.sessionId, e.data.nominationId);
        const row = rows.get<TallyRow>('tallies', key);
        if (!row) return;
        // Participation only: for an open ballot the choice is in VotingClosed's roll call.
        row.participation.push(e.data.memberId);
        row.sources.push(source);
        rows.put('tallies', key, row);
        return;
      }
      case 'VotingClosed': {
        const key = tallyKey(e.data.sessionId, e.data.nominationId);
        const row = rows.get<TallyRow>('tallies', key);
        if (!row) return;
        row.status = 'closed';
        if (e.data.ballot === 'secret') row.ballots = e.data.ballots.map((b) => ({ ballotId: b.ballotId, choice: b.choice }));
        else row.votes = e.data.votes.map((v) => ({ memberId: v.memberId, choice: v.choice }));
        row.sources.push(source);
        rows.put('tallies', key, row);
        return;
      }
      case 'NominationVoted': {
        const key = tallyKey(e.data.sessionId, e.data.nominationId);
        const row = rows.get<TallyRow>('tallies', key);
        if (!row) return;
        const v = e.data;
        Object.assign(row, {
          status: 'counted',
          // As the count saw them: final, whatever happened while the vote was open.
          eligible: v.eligible,
          present: v.present,
          recused: v.recused,
          quorumRequired: v.quorumRequired,
          quorumMet: v.quorumMet,
          yes: v.yes,
          no: v.no,
          abstain: v.abstain,
          threshold: v.threshold,
          thresholdBase: v.thresholdBase,
          thresholdDenominator: v.thresholdDenominator,
          yesRequired: v.yesRequired,
          passed: v.passed,
        });
        row.sources.push(source);
        rows.put('tallies', key, row);
        return;
      }
      default:
        return;
    }
  },
};
