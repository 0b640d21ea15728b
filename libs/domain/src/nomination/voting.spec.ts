import { DeciderSpecification } from '../testing/decider-specification';
import {
  ACTORS,
  AT,
  COUNCIL_ID,
  MEMBERS,
  NOMINATION_ID,
  campaignState,
  councilConstituted,
  councilState,
  happyPath,
  history,
  inSession,
  memberActor,
  meta,
  sessionOpened,
  type Who,
} from '../testing/fixtures';
import { isDomainError } from '../shared/domain-error';
import { fold } from '../shared/decider';
import { nominationDecider } from './nomination-decider';
import { SYSTEM_SCHEDULER } from '../system-actor';
import type { CastBallot, NominationCommand } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { Choice, NominationEvent, SecretBallot } from './nomination-events';

const spec = DeciderSpecification(nominationDecider);
const n = { nominationId: NOMINATION_ID };
const ALL = MEMBERS.map((m) => m.memberId);
const ctx: NominationContext = { campaign: campaignState(), council: inSession() };

/** A nomination whose public notice has closed, for an award (its ballot kind comes from the catalog). */
const earlierFighterTitles = [2023, 2024, 2025].map((year) => ({ awardCode: 'grassroots_emulation_fighter', year }));
const noticeClosed = (award: string) => {
  const path = happyPath(award);
  const pre = history([...path.pledge, ...path.submit, ...path.evaluate, ...path.notice], {
    campaign: campaignState(),
    nomineeHistory: earlierFighterTitles,
  });
  return { pre, path };
};
const secret = noticeClosed('chair_certificate_of_merit'); // secret, 70% of members present, quorum 2/3
const open = noticeClosed('advanced_worker'); // open, 70% of members present, quorum 1/2
const fighter = noticeClosed('provincial_emulation_fighter'); // secret, 90% of all members

const fighterCtx: NominationContext = { ...ctx, nomineeHistory: earlierFighterTitles };

const openVoting = (sessionId = 's-1', actor: Who = ACTORS.secretary, now = AT.council): NominationCommand => ({
  type: 'OpenVoting',
  data: { ...n, sessionId },
  metadata: meta(actor, now),
});
const openVotingUntil = (closesAt: string): NominationCommand => ({
  type: 'OpenVoting',
  data: { ...n, sessionId: 's-1', closesAt },
  metadata: meta(ACTORS.secretary, AT.council),
});
const cast = (memberId: string, choice: Choice, ballotId?: string, over: Partial<CastBallot['data']> = {}, now = AT.council): NominationCommand => ({
  type: 'CastBallot',
  data: { ...n, sessionId: 's-1', choice, ...(ballotId ? { ballotId } : {}), ...over },
  metadata: meta(memberActor(memberId), now),
});
const closeVoting = (ballots?: SecretBallot[], actor: Who = ACTORS.secretary, sessionId = 's-1'): NominationCommand => ({
  type: 'CloseVoting',
  data: { ...n, sessionId, ...(ballots ? { ballots } : {}) },
  metadata: meta(actor, '2026-10-05T03:00:00Z'),
});
const recusedSameUnit: NominationEvent = { type: 'MemberRecused', data: { ...n, memberId: 'm-5', ground: 'same_unit', recusedAt: AT.council } };

/** Runs commands in order from `given`, returning all events; fails on a refusal. */
function run(given: NominationEvent[], commands: NominationCommand[], context: NominationContext = ctx): NominationEvent[] {
  const events = [...given];
  for (const c of commands) {
    const result = nominationDecider.decide(c, fold(nominationDecider.evolve, nominationDecider.initialState, events), context);
    if (isDomainError(result)) throw new Error(`${c.type} refused: ${result.code}`);
    events.push(...result);
  }
  return events;
}

describe('DeclareConflict', () => {
  const declare = (memberId: string, reason = 'The nominee is my sister'): NominationCommand => ({
    type: 'DeclareConflict',
    data: { ...n, reason },
    metadata: meta(memberActor(memberId), AT.council),
  });
  it('records the declaration and the recusal that follows from it', () => {
    spec.given(secret.pre).when(declare('m-2'), ctx).then([
      { type: 'ConflictDeclared', data: { ...n, memberId: 'm-2', reason: 'The nominee is my sister', declaredAt: AT.council } },
      { type: 'MemberRecused', data: { ...n, memberId: 'm-2', ground: 'declared_conflict', recusedAt: AT.council } },
    ]);
  });
  it('a declared member is not eligible when voting opens', () => {
    const events = run(secret.pre, [declare('m-2'), openVoting()]);
    const opened = events.find((e) => e.type === 'VotingOpened');
    expect(opened?.type === 'VotingOpened' && opened.data.eligible).toEqual(['m-1', 'm-3', 'm-4']);
  });
  it('refuses a non-member, twice, after voting, without a reason, without a council', () => {
    spec.given(secret.pre).when({ ...declare('m-2'), metadata: meta(ACTORS.officer, AT.council) }, ctx).thenFails('NOT_A_MEMBER');
    spec.given(run(secret.pre, [declare('m-2')])).when(declare('m-2'), ctx).thenFails('ALREADY_RECUSED');
    spec.given(run(secret.pre, [openVoting(), cast('m-2', 'yes', 'b-1')])).when(declare('m-2'), ctx).thenFails('ALREADY_VOTED');
    spec.given(secret.pre).when(declare('m-2', ''), ctx).thenFails('INVALID_COMMAND');
    spec.given(secret.pre).when(declare('m-2'), { campaign: ctx.campaign }).thenFails('COUNCIL_NOT_FOUND');
    spec.given([]).when(declare('m-2'), ctx).thenFails('NOMINATION_NOT_FOUND');
  });
});

describe('OpenVoting', () => {
  it('recuses members of the nominee’s unit and fixes who may vote', () => {
    spec.given(secret.pre).when(openVoting(), ctx).then([
      recusedSameUnit,
      {
        type: 'VotingOpened',
        data: {
          ...n,
          councilId: COUNCIL_ID,
          sessionId: 's-1',
          ballot: 'secret',
          members: ALL,
          eligible: ['m-1', 'm-2', 'm-3', 'm-4'],
          present: ['m-1', 'm-2', 'm-3', 'm-4'],
          quorum: { parts: 2, of: 3 },
          quorumRequired: 3,
          closesAt: '2026-10-31T16:59:59.000Z',
          openedBy: 'sec-1',
          openedAt: AT.council,
        },
      },
    ]);
  });
  it('ends the vote at the time the secretary sets, within the decision deadline', () => {
    const closesAt = '2026-10-06T10:00:00.000Z';
    const withEnd = openVotingUntil(closesAt);
    spec.given(secret.pre).when(withEnd, ctx).thenMatches((events) => {
      const opening = events.find((e) => e.type === 'VotingOpened');
      expect(opening?.type === 'VotingOpened' && opening.data.closesAt).toBe(closesAt);
    });
    for (const bad of [AT.council, '2026-11-01T00:00:00Z', 'tomorrow']) {
      spec.given(secret.pre).when(openVotingUntil(bad), ctx).thenFails('INVALID_SCHEDULE');
    }
  });
  it('refuses a ballot after the vote has ended, and lets the deadline job close it then, before the decision deadline', () => {
    const closesAt = '2026-10-06T10:00:00.000Z';
    const opened = run(secret.pre, [openVotingUntil(closesAt), cast('m-1', 'yes', 'b-1')]);
    spec.given(opened).when(cast('m-2', 'no', 'b-2', {}, '2026-10-06T10:00:01Z'), ctx).thenFails('VOTING_CLOSED');
    const closeAt = (now: string): NominationCommand => ({
      type: 'CloseVoting',
      data: { ...n, sessionId: 's-1', ballots: [{ ballotId: 'b-1', choice: 'yes' }] },
      metadata: meta(SYSTEM_SCHEDULER, now),
    });
    spec.given(opened).when(closeAt('2026-10-06T09:59:59Z'), ctx).thenFails('DEADLINE_NOT_PASSED');
    spec
      .given(opened)
      .when(closeAt('2026-10-06T10:00:01Z'), ctx)
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual(['VotingClosed', 'NominationVoted']));
  });
  it('refuses without quorum of the eligible members present', () => {
    const thin = { ...ctx, council: inSession(['m-1', 'm-2', 'm-5']) }; // m-5 is recused: 2 of 4 present, 3 needed
    const refusal = spec.given(secret.pre).when(openVoting(), thin).thenFails('QUORUM_NOT_MET');
    expect(refusal.details).toEqual({ present: 2, quorumRequired: 3 });
  });
  it('an open objection blocks voting', () => {
    const path = happyPath('chair_certificate_of_merit');
    const withObjection = history(
      [
        ...path.submit,
        ...path.evaluate,
        path.notice[0],
        {
          type: 'FileObjection',
          data: { ...n, objectionId: 'o-1', summary: 's', filerRef: 'r', filerCommitment: 'c' },
          metadata: meta(ACTORS.public, '2026-09-08T02:00:00Z'),
        },
        path.notice[1],
      ],
      ctx,
    );
    spec.given(withObjection).when(openVoting(), ctx).thenFails('OBJECTION_OPEN');
  });
  it('refuses outside an open session, another session, before the notice closed, after the deadline, a non-secretary', () => {
    spec.given(secret.pre).when(openVoting(), { ...ctx, council: councilState(councilConstituted()) }).thenFails('SESSION_NOT_OPEN');
    spec.given(secret.pre).when(openVoting('s-2'), ctx).thenFails('SESSION_MISMATCH');
    spec.given(secret.pre.slice(0, -1)).when(openVoting(), ctx).thenFails('OUT_OF_ORDER');
    spec.given(secret.pre).when(openVoting('s-1', ACTORS.secretary, '2026-11-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
    spec.given(secret.pre).when(openVoting('s-1', memberActor('m-1')), ctx).thenFails('FORBIDDEN_ROLE');
    spec.given(secret.pre).when(openVoting(), { campaign: ctx.campaign }).thenFails('COUNCIL_NOT_FOUND');
    const otherCouncil = councilState({ ...councilConstituted(), data: { ...councilConstituted().data, councilId: 'council-other' } });
    spec.given(secret.pre).when(openVoting(), { ...ctx, council: otherCouncil }).thenFails('CAMPAIGN_MISMATCH');
  });
});

describe('CastBallot — secret', () => {
  const voting = run(secret.pre, [openVoting()]);
  it('records participation only: no choice, no ballot id', () => {
    spec.given(voting).when(cast('m-1', 'yes', 'b-1'), ctx).then([
      { type: 'BallotCast', data: { ...n, sessionId: 's-1', memberId: 'm-1', castAt: AT.council, ballot: 'secret' } },
    ]);
  });
  it('refuses a secret ballot without a ballot id from the box', () => {
    spec.given(voting).when(cast('m-1', 'yes'), ctx).thenFails('INVALID_BALLOT');
  });
  it('a member votes once per nomination', () => {
    spec.given(run(voting, [cast('m-1', 'yes', 'b-1')])).when(cast('m-1', 'no', 'b-2'), ctx).thenFails('ALREADY_VOTED');
  });
  it('never when recused: automatically for the nominee’s unit, or after a declared conflict', () => {
    spec.given(voting).when(cast('m-5', 'yes', 'b-1'), ctx).thenFails('CONFLICT_OF_INTEREST');
    const declared = run(voting, [{ type: 'DeclareConflict', data: { ...n, reason: 'cousin' }, metadata: meta(memberActor('m-2'), AT.council) }]);
    spec.given(declared).when(cast('m-2', 'yes', 'b-1'), ctx).thenFails('CONFLICT_OF_INTEREST');
  });
  it('only in the open session, only members present, only members', () => {
    const closedSession = councilState(councilConstituted(), sessionOpened(ALL), {
      type: 'SessionClosed',
      data: { councilId: COUNCIL_ID, sessionId: 's-1', closedBy: 'sec-1', closedAt: AT.council },
    });
    spec.given(voting).when(cast('m-1', 'yes', 'b-1'), { ...ctx, council: closedSession }).thenFails('SESSION_NOT_OPEN');
    spec.given(voting).when(cast('m-1', 'yes', 'b-1', { sessionId: 's-2' }), ctx).thenFails('SESSION_MISMATCH');
    const partial = run(secret.pre, [openVoting()], { ...ctx, council: inSession(['m-1', 'm-2', 'm-3']) });
    spec.given(partial).when(cast('m-4', 'yes', 'b-1'), ctx).thenFails('NOT_PRESENT');
    spec.given(voting).when({ ...cast('m-1', 'yes', 'b-1'), metadata: meta({ id: 'm-9', roles: ['council_member'] }, AT.council) }, ctx).thenFails('NOT_A_MEMBER');
    spec.given(voting).when({ ...cast('m-1', 'yes', 'b-1'), metadata: meta(ACTORS.secretary, AT.council) }, ctx).thenFails('FORBIDDEN_ROLE');
  });
  it('refuses before voting opens, after it closed, after the decision deadline, a malformed choice', () => {
    spec.given(secret.pre).when(cast('m-1', 'yes', 'b-1'), ctx).thenFails('OUT_OF_ORDER');
    const closed = run(voting, [cast('m-1', 'yes', 'b-1'), closeVoting([{ ballotId: 'b-1', choice: 'yes' }])]);
    spec.given(closed).when(cast('m-2', 'yes', 'b-2'), ctx).thenFails('VOTING_CLOSED');
    spec.given(voting).when(cast('m-1', 'yes', 'b-1', {}, '2026-11-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
    spec.given(voting).when(cast('m-1', 'maybe' as Choice, 'b-1'), ctx).thenFails('INVALID_BALLOT');
  });
  it('no refusal names the choice', () => {
    const refusals = [
      nominationDecider.decide(cast('m-5', 'no', 'b-1'), fold(nominationDecider.evolve, nominationDecider.initialState, voting), ctx),
      nominationDecider.decide(cast('m-1', 'maybe' as Choice, 'b-1'), fold(nominationDecider.evolve, nominationDecider.initialState, voting), ctx),
    ];
    for (const r of refusals) {
      expect(isDomainError(r)).toBe(true);
      expect(JSON.stringify(r)).not.toMatch(/"no"|maybe|b-1/);
    }
  });
});

describe('CloseVoting — secret', () => {
  const cast3 = run(secret.pre, [openVoting(), cast('m-1', 'yes', 'b-1'), cast('m-2', 'no', 'b-2'), cast('m-3', 'yes', 'b-3')]);
  const box: SecretBallot[] = [
    { ballotId: 'b-3', choice: 'yes' },
    { ballotId: 'b-1', choice: 'yes' },
    { ballotId: 'b-2', choice: 'no' },
  ];
  it('reveals the sealed ballots in the order given and records a self-describing tally', () => {
    spec.given(cast3).when(closeVoting(box), ctx).then([
      { type: 'VotingClosed', data: { ...n, sessionId: 's-1', closedBy: 'sec-1', closedAt: '2026-10-05T03:00:00Z', ballot: 'secret', ballots: box } },
      {
        type: 'NominationVoted',
        data: {
          ...n,
          sessionId: 's-1',
          ballot: 'secret',
          members: 5,
          eligible: ['m-1', 'm-2', 'm-3', 'm-4'],
          present: ['m-1', 'm-2', 'm-3', 'm-4'],
          participated: 3,
          yes: 2,
          no: 1,
          abstain: 0,
          quorum: { parts: 2, of: 3 },
          quorumRequired: 3,
          quorumMet: true,
          threshold: { parts: 70, of: 100 },
          thresholdBase: 'members_present',
          thresholdDenominator: 4,
          // ceil(4 × 0.7) = 3: two yes of four present is not enough
          yesRequired: 3,
          passed: false,
          recused: [{ memberId: 'm-5', ground: 'same_unit' }],
          votedAt: '2026-10-05T03:00:00Z',
        },
      },
    ]);
  });
  it('passes with enough yes ballots', () => {
    const four = run(cast3, [cast('m-4', 'yes', 'b-4')]);
    spec.given(four).when(closeVoting([...box, { ballotId: 'b-4', choice: 'yes' }]), ctx).thenMatches((events, state) => {
      expect(events[1].type === 'NominationVoted' && events[1].data).toMatchObject({ yes: 3, yesRequired: 3, passed: true });
      expect(state.status).toBe('voted');
    });
  });
  it('refuses a box whose ballots do not equal the participation events in number', () => {
    spec.given(cast3).when(closeVoting(box.slice(0, 2)), ctx).thenFails('BALLOT_COUNT_MISMATCH');
    spec.given(cast3).when(closeVoting([...box, { ballotId: 'b-9', choice: 'yes' }]), ctx).thenFails('BALLOT_COUNT_MISMATCH');
  });
  it('refuses duplicate ballot ids, malformed choices, a missing box', () => {
    spec.given(cast3).when(closeVoting([box[0], box[0], box[2]]), ctx).thenFails('INVALID_BALLOT');
    spec.given(cast3).when(closeVoting([box[0], box[1], { ballotId: 'b-2', choice: 'perhaps' as Choice }]), ctx).thenFails('INVALID_BALLOT');
    spec.given(cast3).when(closeVoting(), ctx).thenFails('INVALID_BALLOT');
  });
  it('refuses twice, another session, a non-secretary, before voting', () => {
    const closed = run(cast3, [closeVoting(box)]);
    spec.given(closed).when(closeVoting(box), ctx).thenFails('VOTING_CLOSED');
    spec.given(cast3).when(closeVoting(box, ACTORS.secretary, 's-2'), ctx).thenFails('SESSION_MISMATCH');
    spec.given(cast3).when(closeVoting(box, memberActor('m-1')), ctx).thenFails('FORBIDDEN_ROLE');
    spec.given(secret.pre).when(closeVoting(box), ctx).thenFails('OUT_OF_ORDER');
  });
  it('no event of a secret vote links a member to a choice', () => {
    const events = run(cast3, [closeVoting(box)]);
    for (const e of events) {
      const json = JSON.stringify(e.data);
      const namesMember = ALL.some((m) => json.includes(`"${m}"`));
      const namesChoice = /"choice"|"yes"|"no"|"abstain"/.test(json.replace(/"(yes|no|abstain)":\d+/g, ''));
      expect({ type: e.type, linked: namesMember && namesChoice }).toEqual({ type: e.type, linked: false });
    }
  });
});

describe('Voting — open (roll call)', () => {
  const voting = run(open.pre, [openVoting()]);
  it('records member and choice together, and closes without a box', () => {
    spec.given(voting).when(cast('m-1', 'yes'), ctx).then([
      { type: 'BallotCast', data: { ...n, sessionId: 's-1', memberId: 'm-1', castAt: AT.council, ballot: 'open', choice: 'yes' } },
    ]);
    const cast3 = run(voting, [cast('m-1', 'yes'), cast('m-2', 'yes'), cast('m-3', 'abstain')]);
    spec.given(cast3).when(closeVoting(), ctx).thenMatches(([closed, voted]) => {
      expect(closed.type === 'VotingClosed' && closed.data.ballot === 'open' && closed.data.votes).toEqual([
        { memberId: 'm-1', choice: 'yes' },
        { memberId: 'm-2', choice: 'yes' },
        { memberId: 'm-3', choice: 'abstain' },
      ]);
      // quorum ceil(4/2) = 2; 70% of 4 present = 3 yes needed; an abstention is not a yes
      expect(voted.type === 'NominationVoted' && voted.data).toMatchObject({ yes: 2, abstain: 1, quorumRequired: 2, yesRequired: 3, passed: false });
    });
    spec.given(cast3).when(closeVoting([{ ballotId: 'x', choice: 'yes' }]), ctx).thenFails('INVALID_COMMAND');
  });
});

describe('Threshold over all members (provincial emulation fighter, ≥ 90%)', () => {
  it('an absent member counts against the vote when the base is all members', () => {
    const four = { ...fighterCtx, council: inSession(['m-1', 'm-2', 'm-3']) }; // m-4 absent, m-5 recused
    const events = run(fighter.pre, [openVoting(), cast('m-1', 'yes', 'b-1'), cast('m-2', 'yes', 'b-2'), cast('m-3', 'yes', 'b-3')], four);
    spec
      .given(events)
      .when(closeVoting([{ ballotId: 'b-1', choice: 'yes' }, { ballotId: 'b-2', choice: 'yes' }, { ballotId: 'b-3', choice: 'yes' }]), four)
      .thenMatches(([, voted]) => {
        // 3 of 4 eligible = 75% < 90%: ceil(4 × 0.9) = 4 yes needed
        expect(voted.type === 'NominationVoted' && voted.data).toMatchObject({ thresholdBase: 'all_members', thresholdDenominator: 4, yesRequired: 4, yes: 3, passed: false });
      });
  });
});

describe('While a vote is open', () => {
  const voting = run(secret.pre, [openVoting(), cast('m-1', 'yes', 'b-1')]);
  it('the nomination cannot be withdrawn: its sealed ballots would have no tally to be revealed in', () => {
    const withdraw: NominationCommand = { type: 'WithdrawNomination', data: { ...n, reason: 'r' }, metadata: meta(ACTORS.officer, AT.council) };
    spec.given(voting).when(withdraw, ctx).thenFails('OUT_OF_ORDER');
  });
  it('after the vote no conflict can be declared any more', () => {
    const voted = run(voting, [closeVoting([{ ballotId: 'b-1', choice: 'yes' }])]);
    const declare: NominationCommand = { type: 'DeclareConflict', data: { ...n, reason: 'late' }, metadata: meta(memberActor('m-3'), AT.council) };
    spec.given(voted).when(declare, ctx).thenFails('OUT_OF_ORDER');
  });
});
