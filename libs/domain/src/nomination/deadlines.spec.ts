import { DeciderSpecification } from '../testing/decider-specification';
import { AT, NOMINATION_ID, SCHEDULE, campaignState, happyPath, history, meta } from '../testing/fixtures';
import type { DeadlineKind } from '../campaign/campaign-events';
import { nominationDecider } from './nomination-decider';
import type { NominationCommand } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { NominationEvent } from './nomination-events';

const spec = DeciderSpecification(nominationDecider);
const ctx: NominationContext = { campaign: campaignState() };
const n = { nominationId: NOMINATION_ID };
const job = { id: 'job:deadlines', roles: [] };
const mark = (deadline: DeadlineKind, now: string): NominationCommand => ({ type: 'MarkDeadlineMissed', data: { ...n, deadline }, metadata: meta(job, now) });

const fighter = happyPath('grassroots_emulation_fighter');
const pledged = history(fighter.pledge, ctx);
const cert = happyPath('chair_certificate_of_merit');
const submitted = history(cert.submit, ctx);

describe('MarkDeadlineMissed', () => {
  it('records a pledged nomination never submitted by the nomination deadline', () => {
    const missed: NominationEvent = {
      type: 'DeadlineMissed',
      data: { ...n, deadline: 'nomination', dueAt: SCHEDULE.nominationDeadline, outstanding: 'submission', recordedAt: '2026-07-01T00:00:00Z' },
    };
    spec.given(pledged).when(mark('nomination', '2026-07-01T00:00:00Z'), ctx).then([missed]);
    spec.given([...pledged, missed]).when(mark('nomination', '2026-07-02T00:00:00Z'), ctx).thenFails('ALREADY_MARKED');
  });
  it('records an evaluation still outstanding at the evaluation deadline', () => {
    spec.given(submitted).when(mark('evaluation', '2026-09-01T00:00:00Z'), ctx).thenMatches(([e]) => {
      expect(e.type === 'DeadlineMissed' && e.data.outstanding).toBe('evaluation');
    });
  });
  it('refuses before the deadline, when the step was done, for an unknown nomination', () => {
    spec.given(pledged).when(mark('nomination', SCHEDULE.nominationDeadline), ctx).thenFails('DEADLINE_NOT_PASSED');
    spec.given(submitted).when(mark('nomination', '2026-07-01T00:00:00Z'), ctx).thenFails('NOTHING_OUTSTANDING');
    spec.given(submitted).when(mark('pledge', '2026-07-01T00:00:00Z'), ctx).thenFails('NOTHING_OUTSTANDING');
    spec.given([]).when(mark('nomination', AT.publication), ctx).thenFails('NOMINATION_NOT_FOUND');
  });
});
