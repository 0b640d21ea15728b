import { DeciderSpecification } from '../testing/decider-specification';
import { ACTORS, AT, NOMINATION_ID, campaignState, happyPath, history, meta, type Who } from '../testing/fixtures';
import { defaultCatalog } from '../catalog/default-catalog';
import { nominationDecider } from './nomination-decider';
import type { NominationCommand } from './nomination-commands';
import type { NominationContext } from './nomination-context';
import type { NominationEvent } from './nomination-events';

const spec = DeciderSpecification(nominationDecider);
const ctx: NominationContext = { campaign: campaignState() };
const n = { nominationId: NOMINATION_ID };
const path = happyPath('chair_certificate_of_merit');
const evaluated = history([...path.submit, ...path.evaluate], ctx);
const holidays = defaultCatalog().calendar.holidays;

const openNotice = (now = AT.notice, actor: Who = ACTORS.secretary): NominationCommand => ({ type: 'OpenPublicNotice', data: n, metadata: meta(actor, now) });
const closeNotice = (now: string, actor: Who = ACTORS.secretary): NominationCommand => ({ type: 'ClosePublicNotice', data: n, metadata: meta(actor, now) });
const opened: NominationEvent = {
  type: 'PublicNoticeOpened',
  data: { ...n, startDate: '2026-09-07', endDate: '2026-09-14', requiredWorkingDays: 5, holidays, openedBy: 'sec-1', openedAt: AT.notice },
};
const file = (objectionId: string, now = '2026-09-09T02:00:00Z'): NominationCommand => ({
  type: 'FileObjection',
  data: { ...n, objectionId, summary: 'The initiative was someone else’s', filerRef: 'pd-17', filerCommitment: 'c0ffee' },
  metadata: meta(ACTORS.public, now),
});
const filed = (objectionId: string): NominationEvent => ({
  type: 'ObjectionFiled',
  data: { ...n, objectionId, summary: 'The initiative was someone else’s', filerRef: 'pd-17', filerCommitment: 'c0ffee', filedAt: '2026-09-09T02:00:00Z' },
});
const resolve = (objectionId: string, outcome: 'upheld' | 'dismissed', reason = 'Checked the records', actor: Who = ACTORS.secretary): NominationCommand => ({
  type: 'ResolveObjection',
  data: { ...n, objectionId, outcome, reason },
  metadata: meta(actor, '2026-09-10T02:00:00Z'),
});
const resolved = (objectionId: string, outcome: 'upheld' | 'dismissed'): NominationEvent => ({
  type: 'ObjectionResolved',
  data: { ...n, objectionId, outcome, reason: 'Checked the records', resolvedBy: 'sec-1', resolvedAt: '2026-09-10T02:00:00Z' },
});

describe('OpenPublicNotice', () => {
  it('opens for the award’s working days, end date computed with the holiday calendar', () => {
    spec.given(evaluated).when(openNotice(), ctx).then([opened]);
  });
  it('skips the National Day holidays when counting', () => {
    // Opened Tuesday 1 September (a holiday, as is the 2nd): Thu 3, Fri 4, Mon 7, Tue 8, Wed 9.
    spec.given(evaluated).when(openNotice('2026-09-01T02:00:00Z'), ctx).thenMatches(([e]) => {
      expect(e.type === 'PublicNoticeOpened' && [e.data.startDate, e.data.endDate]).toEqual(['2026-09-01', '2026-09-09']);
    });
  });
  it('refuses before evaluation passed, a failed evaluation, before the window, after it, a non-secretary', () => {
    spec.given(history(path.submit, ctx)).when(openNotice(), ctx).thenFails('OUT_OF_ORDER');
    const failed = [
      ...evaluated.filter((e) => e.type !== 'NominationEvaluated'),
      { ...evaluated[evaluated.length - 1], data: { ...evaluated[evaluated.length - 1].data, passed: false } } as NominationEvent,
    ];
    spec.given(failed).when(openNotice(), ctx).thenFails('OUT_OF_ORDER');
    spec.given(evaluated).when(openNotice('2026-08-31T02:00:00Z'), ctx).thenFails('TOO_EARLY');
    spec.given(evaluated).when(openNotice('2026-10-01T00:00:00Z'), ctx).thenFails('DEADLINE_PASSED');
    spec.given(evaluated).when(openNotice(AT.notice, ACTORS.publisher), ctx).thenFails('FORBIDDEN_ROLE');
    spec.given([...evaluated, opened]).when(openNotice(), ctx).thenFails('OUT_OF_ORDER');
  });
});

describe('FileObjection', () => {
  it('takes an objection from anyone while the notice runs, keeping only a reference to the filer', () => {
    spec.given([...evaluated, opened]).when(file('o-1'), ctx).then([filed('o-1')]);
  });
  it('takes objections up to the last day of the notice, local time', () => {
    spec.given([...evaluated, opened]).when(file('o-1', '2026-09-14T16:59:59Z'), ctx).thenMatches((e) => expect(e).toHaveLength(1));
    spec.given([...evaluated, opened]).when(file('o-1', '2026-09-14T17:00:00Z'), ctx).thenFails('NOTICE_NOT_OPEN');
  });
  it('refuses before the notice, the same objection twice, an empty summary', () => {
    spec.given(evaluated).when(file('o-1'), ctx).thenFails('NOTICE_NOT_OPEN');
    spec.given([]).when(file('o-1'), ctx).thenFails('NOMINATION_NOT_FOUND');
    spec.given([...evaluated, opened, filed('o-1')]).when(file('o-1'), ctx).thenFails('ALREADY_EXISTS');
    const blank: NominationCommand = { ...file('o-2'), data: { ...n, objectionId: 'o-2', summary: ' ', filerRef: 'pd-1', filerCommitment: 'x' } } as NominationCommand;
    spec.given([...evaluated, opened]).when(blank, ctx).thenFails('INVALID_COMMAND');
  });
});

describe('ResolveObjection', () => {
  it('upholds or dismisses with a reason', () => {
    spec.given([...evaluated, opened, filed('o-1')]).when(resolve('o-1', 'upheld'), ctx).then([resolved('o-1', 'upheld')]);
    spec.given([...evaluated, opened, filed('o-1')]).when(resolve('o-1', 'dismissed'), ctx).then([resolved('o-1', 'dismissed')]);
  });
  it('refuses an unknown objection, resolving twice, no reason, a non-secretary', () => {
    spec.given([...evaluated, opened]).when(resolve('o-9', 'upheld'), ctx).thenFails('OBJECTION_NOT_FOUND');
    spec.given([...evaluated, opened, filed('o-1'), resolved('o-1', 'dismissed')]).when(resolve('o-1', 'upheld'), ctx).thenFails('OBJECTION_ALREADY_RESOLVED');
    spec.given([...evaluated, opened, filed('o-1')]).when(resolve('o-1', 'upheld', ''), ctx).thenFails('INVALID_COMMAND');
    spec.given([...evaluated, opened, filed('o-1')]).when(resolve('o-1', 'upheld', 'x', ACTORS.approver), ctx).thenFails('FORBIDDEN_ROLE');
    spec.given(evaluated).when(resolve('o-1', 'upheld'), ctx).thenFails('OUT_OF_ORDER');
  });
});

describe('ClosePublicNotice', () => {
  it('closes once the full length is over, with the objection counts', () => {
    spec
      .given([...evaluated, opened, filed('o-1'), resolved('o-1', 'dismissed'), filed('o-2')])
      .when(closeNotice('2026-09-14T17:00:00Z'), ctx)
      .then([
        {
          type: 'PublicNoticeClosed',
          data: {
            ...n,
            startDate: '2026-09-07',
            endDate: '2026-09-14',
            objectionsFiled: 2,
            objectionsUpheld: 0,
            objectionsDismissed: 1,
            closedBy: 'sec-1',
            closedAt: '2026-09-14T17:00:00Z',
          },
        },
      ]);
  });
  it('stays open for its full length: refused on its last day', () => {
    spec.given([...evaluated, opened]).when(closeNotice('2026-09-14T16:59:59Z'), ctx).thenFails('NOTICE_PERIOD_NOT_OVER');
    spec.given([...evaluated, opened]).when(closeNotice('2026-09-08T02:00:00Z'), ctx).thenFails('NOTICE_PERIOD_NOT_OVER');
  });
  it('refuses a notice not open, a non-secretary', () => {
    spec.given(evaluated).when(closeNotice('2026-09-20T00:00:00Z'), ctx).thenFails('OUT_OF_ORDER');
    spec.given([...evaluated, opened]).when(closeNotice('2026-09-20T00:00:00Z', ACTORS.officer), ctx).thenFails('FORBIDDEN_ROLE');
  });
});
