import { type AwardCatalog, type Choice, findAwardType, tally } from '@vinhdanh/domain';
import type { LedgerEvent } from './event-digests';
import type { Check } from './report';

interface Voting {
  sessionId: string;
  ballot: 'secret' | 'open';
  members: string[];
  eligible: string[];
  present: string[];
  participants: Set<string>;
  /** Revealed choices once VotingClosed is seen. */
  choices: Choice[] | null;
}

interface NominationAudit {
  campaignId: string;
  awardCode: string;
  voting: Voting | null;
  passedVote: boolean;
  approved: boolean;
  published: boolean;
}

/** A non-revoked publication, as the honour list must show it. */
export interface Publication {
  nominationId: string;
  campaignId: string;
  honourListId: string;
  rank: number;
  position: number;
  revoked: boolean;
}

export interface SeasonChecks {
  ballots: Check;
  tallies: Check;
  decisions: Check;
}

type Data = Record<string, unknown>;

/** The event types the audit looks at; a verifier need not parse the payload of any other. */
export const AUDITED_EVENT_TYPES: ReadonlySet<string> = new Set([
  'CampaignOpened',
  'NominationPledged',
  'NominationSubmitted',
  'VotingOpened',
  'BallotCast',
  'VotingClosed',
  'NominationVoted',
  'NominationApproved',
  'NominationPublished',
  'AwardRevoked',
]);

/** A voting already counted: its lists are dropped so a long log costs a few bytes per nomination. */
const CLOSED: Voting = { sessionId: '', ballot: 'secret', members: [], eligible: [], present: [], participants: new Set(), choices: [] };
const str = (d: Data, k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
const list = (d: Data, k: string): string[] => (Array.isArray(d[k]) ? (d[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);

const TALLY_FIELDS = ['participated', 'yes', 'no', 'abstain', 'quorumRequired', 'quorumMet', 'thresholdDenominator', 'yesRequired', 'passed'] as const;

/**
 * The fairness rules a bundle can be re-checked against from its events alone, in one pass:
 * - ballots: one participation per eligible member, and exactly as many revealed ballots as
 *   participations (a forged or dropped ballot shows here, without revealing who chose what);
 * - tallies: every NominationVoted recomputed from the revealed ballots with the domain's own
 *   `tally` and the award rules of the campaign's catalog snapshot;
 * - decisions: approval only after a passing vote, publication only after approval.
 * Memory is a small record per nomination that reached a vote, not per event.
 */
export class SeasonAudit {
  private readonly catalogs = new Map<string, AwardCatalog>();
  private readonly nominations = new Map<string, NominationAudit>();
  readonly publications = new Map<string, Publication>();

  constructor(private readonly checks: SeasonChecks) {}

  private nomination(id: string): NominationAudit {
    let n = this.nominations.get(id);
    if (!n) {
      n = { campaignId: '', awardCode: '', voting: null, passedVote: false, approved: false, published: false };
      this.nominations.set(id, n);
    }
    return n;
  }

  apply(event: LedgerEvent): void {
    const d = (event.data ?? {}) as Data;
    const at = event.position;
    switch (event.type) {
      case 'CampaignOpened':
        this.catalogs.set(str(d, 'campaignId'), d.catalog as AwardCatalog);
        return;
      case 'NominationPledged':
      case 'NominationSubmitted': {
        const n = this.nomination(str(d, 'nominationId'));
        n.campaignId = str(d, 'campaignId');
        n.awardCode = str(d, 'awardCode');
        return;
      }
      case 'VotingOpened': {
        const n = this.nomination(str(d, 'nominationId'));
        n.voting = {
          sessionId: str(d, 'sessionId'),
          ballot: d.ballot === 'open' ? 'open' : 'secret',
          members: list(d, 'members'),
          eligible: list(d, 'eligible'),
          present: list(d, 'present'),
          participants: new Set(),
          choices: null,
        };
        n.passedVote = false;
        return;
      }
      case 'BallotCast': {
        const v = this.nominations.get(str(d, 'nominationId'))?.voting;
        const member = str(d, 'memberId');
        const { ballots } = this.checks;
        if (!v || v.sessionId !== str(d, 'sessionId')) return ballots.fail('BALLOT_OUTSIDE_VOTING', 'a ballot was cast where no voting is open', at);
        if (v.choices) return ballots.fail('BALLOT_AFTER_CLOSE', 'a ballot was cast after the voting closed', at);
        if (!v.eligible.includes(member)) return ballots.fail('BALLOT_NOT_ELIGIBLE', 'a ballot was cast by a member who may not vote on this nomination', at);
        if (v.participants.has(member)) return ballots.fail('BALLOT_DUPLICATE', 'a member cast a second ballot', at);
        v.participants.add(member);
        ballots.pass();
        return;
      }
      case 'VotingClosed':
        return this.votingClosed(d, at);
      case 'NominationVoted':
        return this.voted(d, at);
      case 'NominationApproved': {
        const n = this.nomination(str(d, 'nominationId'));
        if (!n.passedVote) return this.checks.decisions.fail('APPROVAL_WITHOUT_PASSING_VOTE', `nomination ${str(d, 'nominationId')} was approved without a passing vote`, at);
        n.approved = true;
        this.checks.decisions.pass();
        return;
      }
      case 'NominationPublished': {
        const id = str(d, 'nominationId');
        const n = this.nomination(id);
        if (!n.approved) return this.checks.decisions.fail('PUBLICATION_WITHOUT_APPROVAL', `nomination ${id} was published without an approval`, at);
        n.published = true;
        this.publications.set(id, {
          nominationId: id,
          campaignId: n.campaignId,
          honourListId: str(d, 'honourListId'),
          rank: Number(d.rank),
          position: at,
          revoked: false,
        });
        this.checks.decisions.pass();
        return;
      }
      case 'AwardRevoked': {
        const p = this.publications.get(str(d, 'nominationId'));
        if (p) p.revoked = true;
        return;
      }
      default:
        return;
    }
  }

  private votingClosed(d: Data, at: number): void {
    const { ballots } = this.checks;
    const v = this.nominations.get(str(d, 'nominationId'))?.voting;
    if (!v || v.sessionId !== str(d, 'sessionId')) return ballots.fail('CLOSE_WITHOUT_VOTING', 'voting was closed where none was open', at);
    if (v.choices) return ballots.fail('VOTING_CLOSED_TWICE', 'the same voting was closed twice (a second set of ballots)', at);
    if (v.ballot === 'secret') {
      const revealed = Array.isArray(d.ballots) ? (d.ballots as Array<{ ballotId?: unknown; choice?: unknown }>) : [];
      v.choices = revealed.map((b) => b.choice as Choice);
      const ids = new Set(revealed.map((b) => String(b.ballotId)));
      if (revealed.length !== v.participants.size) {
        return ballots.fail(
          'BALLOTS_PARTICIPATION_MISMATCH',
          `${revealed.length} ballots were revealed but ${v.participants.size} members took part`,
          at,
        );
      }
      if (ids.size !== revealed.length) return ballots.fail('BALLOT_ID_REUSED', 'two revealed ballots share a ballot id', at);
    } else {
      const votes = Array.isArray(d.votes) ? (d.votes as Array<{ memberId?: unknown; choice?: unknown }>) : [];
      v.choices = votes.map((x) => x.choice as Choice);
      const voters = new Set(votes.map((x) => String(x.memberId)));
      if (votes.length !== v.participants.size || [...v.participants].some((m) => !voters.has(m))) {
        return ballots.fail('BALLOTS_PARTICIPATION_MISMATCH', 'the roll call does not list exactly the members who took part', at);
      }
    }
    ballots.pass();
  }

  private voted(d: Data, at: number): void {
    const { tallies } = this.checks;
    const id = str(d, 'nominationId');
    const n = this.nominations.get(id);
    const v = n?.voting;
    if (!n || !v || !v.choices) return tallies.fail('TALLY_WITHOUT_BALLOTS', `nomination ${id} has a result but no closed voting`, at);
    const award = findAwardType(this.catalogs.get(n.campaignId) ?? { awardTypes: [] } as unknown as AwardCatalog, n.awardCode);
    if (!award) return tallies.fail('TALLY_UNKNOWN_AWARD', `no catalog snapshot for award ${n.awardCode} of campaign ${n.campaignId}`, at);
    const expected = tally(award, v, v.choices) as unknown as Data;
    const wrong = TALLY_FIELDS.filter((f) => expected[f] !== d[f]);
    if (wrong.length) {
      return tallies.fail('TALLY_MISMATCH', `nomination ${id}: ${wrong.map((f) => `${f} is ${String(d[f])}, recomputed ${String(expected[f])}`).join('; ')}`, at);
    }
    n.passedVote = d.passed === true;
    // Keep only what later events are checked against: that this voting is closed.
    n.voting = { ...CLOSED, sessionId: v.sessionId, ballot: v.ballot };
    tallies.pass();
  }
}
