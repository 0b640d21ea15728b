import { DeciderSpecification } from '../testing/decider-specification';
import { ACTORS, AT, NOMINATION_ID, SCHEDULE, campaignState, happyPath, history, inSession, meta, type Who } from '../testing/fixtures';
import { SYSTEM_SCHEDULER } from '../system-actor';
import { nominationDecider } from './nomination-decider';
import type { NominationCommand } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { NominationEvent, SecretBallot } from './nomination-events';

/**
 * The deadline job acts as SYSTEM_SCHEDULER. It may take exactly the steps the clock makes due,
 * and only once they are due; everything else it is refused like any actor without a role.
 */
const spec = DeciderSpecification(nominationDecider);
const ctx: NominationContext = { campaign: campaignState(), council: inSession() };
const n = { nominationId: NOMINATION_ID };
const path = happyPath('chair_certificate_of_merit');
const evaluated = history([...path.submit, ...path.evaluate], ctx);
const noticeOpen = history(path.notice.slice(0, 1), ctx, evaluated);
const noticeClosed = history(path.notice, ctx, evaluated);
const voting = history(
  [
    { type: 'OpenVoting', data: { ...n, sessionId: 's-1' }, metadata: meta(ACTORS.secretary, AT.council) },
    { type: 'CastBallot', data: { ...n, sessionId: 's-1', choice: 'yes', ballotId: 'b-1' }, metadata: meta({ id: 'm-1', roles: ['council_member'] }, AT.council) },
  ],
  ctx,
  noticeClosed,
);
const box: SecretBallot[] = [{ ballotId: 'b-1', choice: 'yes' }];

const closeVoting = (now: string, actor: Who = SYSTEM_SCHEDULER): NominationCommand => ({
  type: 'CloseVoting',
  data: { ...n, sessionId: 's-1', ballots: box },
  metadata: meta(actor, now),
});
const closeNotice = (now: string, actor: Who = SYSTEM_SCHEDULER): NominationCommand => ({ type: 'ClosePublicNotice', data: n, metadata: meta(actor, now) });
const types = (events: NominationEvent[]) => events.map((e) => e.type);

describe('the scheduler as a system actor', () => {
  it('closes and tallies a vote once the decision deadline has passed', () => {
    spec
      .given(voting)
      .when(closeVoting('2026-11-01T00:00:00Z'), ctx)
      .thenMatches((events, state) => {
        expect(types(events)).toEqual(['VotingClosed', 'NominationVoted']);
        expect(events[0].data).toMatchObject({ closedBy: 'system:scheduler' });
        // One yes out of four eligible does not pass; what matters is that the box was counted.
        expect(events[1].data).toMatchObject({ participated: 1, yes: 1, passed: false });
        expect(state.status).toBe('vote_failed');
      });
  });

  it('may not close a vote while ballots can still be cast (the deadline instant itself included)', () => {
    spec.given(voting).when(closeVoting(AT.council), ctx).thenFails('DEADLINE_NOT_PASSED');
    spec.given(voting).when(closeVoting(SCHEDULE.decisionDeadline), ctx).thenFails('DEADLINE_NOT_PASSED');
    // The secretary still closes whenever the council is done.
    spec.given(voting).when(closeVoting(AT.council, ACTORS.secretary), ctx).thenMatches((events) => expect(types(events)).toEqual(['VotingClosed', 'NominationVoted']));
  });

  it('finds a vote already closed as closed (the job counts that as done)', () => {
    const closed = history([closeVoting('2026-10-05T03:00:00Z', ACTORS.secretary)], ctx, voting);
    spec.given(closed).when(closeVoting('2026-11-01T00:00:00Z'), ctx).thenFails('VOTING_CLOSED');
  });

  it('closes a public notice once its end date is over, not before', () => {
    const endDate = (noticeOpen[noticeOpen.length - 1].data as { endDate: string }).endDate;
    spec.given(noticeOpen).when(closeNotice(`${endDate}T16:59:59Z`), ctx).thenFails('NOTICE_PERIOD_NOT_OVER');
    spec
      .given(noticeOpen)
      .when(closeNotice(`${endDate}T17:00:00Z`), ctx)
      .thenMatches((events) => {
        expect(types(events)).toEqual(['PublicNoticeClosed']);
        expect(events[0].data).toMatchObject({ closedBy: 'system:scheduler' });
      });
  });

  it('gets no other power: a step that needs a person is refused for lack of a role', () => {
    spec.given(evaluated).when({ type: 'OpenPublicNotice', data: n, metadata: meta(SYSTEM_SCHEDULER, AT.notice) }, ctx).thenFails('FORBIDDEN_ROLE');
    spec
      .given(voting)
      .when({ type: 'CastBallot', data: { ...n, sessionId: 's-1', choice: 'yes', ballotId: 'b-9' }, metadata: meta(SYSTEM_SCHEDULER, AT.council) }, ctx)
      .thenFails('FORBIDDEN_ROLE');
  });
});
