import { initialNominationState, type NominationState } from '@vinhdanh/domain';
import { whoMustAct } from './reminder-recipients';

const base: NominationState = { ...initialNominationState, nominationId: 'n-1', campaignId: 'c-1', awardCode: 'a', submittedBy: 'officer-1' };

describe('whoMustAct', () => {
  it('names the assigned evaluators who have not scored', () => {
    const state: NominationState = {
      ...base,
      status: 'submitted',
      evaluators: [
        { evaluatorId: 'eval-1', unitId: 'u' },
        { evaluatorId: 'eval-2', unitId: 'u' },
      ],
      scores: { 'eval-1': [{ criterionCode: 'x', score: 1 }] },
    };
    expect(whoMustAct('evaluation', state, '2026-08-31T16:59:59Z')).toEqual(['eval-2']);
    expect(whoMustAct('evaluation', { ...state, status: 'evaluated' }, '2026-08-31T16:59:59Z')).toEqual([]);
  });

  it('names the eligible members present who have not voted, never the recused', () => {
    const state: NominationState = {
      ...base,
      status: 'voting',
      recused: [{ memberId: 'm-4', ground: 'declared_conflict' }],
      voting: {
        councilId: 'c',
        sessionId: 's-1',
        ballot: 'secret',
        members: ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'],
        eligible: ['m-1', 'm-2', 'm-3', 'm-5'],
        present: ['m-1', 'm-2', 'm-3'],
        closesAt: null,
        participants: ['m-1'],
        rollCall: [],
      },
    };
    expect(whoMustAct('vote', state, '2026-10-31T16:59:59Z')).toEqual(['m-2', 'm-3']);
    expect(whoMustAct('vote', { ...state, status: 'voted' }, '2026-10-31T16:59:59Z')).toEqual([]);
  });

  it('reminds the submitter of a returned dossier only for the deadline in force', () => {
    const state: NominationState = { ...base, status: 'returned', resubmitBy: '2026-07-27T16:59:59Z' };
    expect(whoMustAct('resubmission', state, '2026-07-27T16:59:59.000Z')).toEqual(['officer-1']);
    expect(whoMustAct('resubmission', state, '2026-07-20T16:59:59Z')).toEqual([]);
  });
});
