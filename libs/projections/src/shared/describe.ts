import type { AwardType, CampaignSchedule, DomainEvent } from '@vinhdanh/domain';

const share = (s: { parts: number; of: number }) => `${s.parts}/${s.of}`;

/**
 * One readable line per event ("who did what, to what") and the rule the step was taken under,
 * from the event and the campaign's catalog snapshot. Secret ballots: a line names who took
 * part or which ballots were revealed, never both.
 */
export function describeEvent(
  event: DomainEvent,
  actorId: string,
  award: AwardType | null,
  schedule: CampaignSchedule | null,
): { line: string; rule: string | null } {
  const by = (deadline: keyof CampaignSchedule) => (schedule ? `by the ${deadline} (${schedule[deadline]})` : null);
  switch (event.type) {
    case 'CampaignOpened':
      return { line: `${actorId} opened campaign ${event.data.campaignId} "${event.data.name}" (${event.data.year})`, rule: `catalog ${event.data.catalogVersion} snapshotted` };
    case 'CampaignPhaseAdvanced':
      return { line: `${actorId} moved campaign ${event.data.campaignId} from ${event.data.from} to ${event.data.to}`, rule: 'phases follow in order' };
    case 'CampaignClosed':
      return { line: `${actorId} closed campaign ${event.data.campaignId}`, rule: null };
    case 'QuotaSlotAllocated':
      return { line: `${actorId} allocated a ${event.data.awardCode} quota slot in ${event.data.unitId} to nomination ${event.data.nominationId}`, rule: `quota rules of ${event.data.awardCode}` };
    case 'QuotaSlotReleased':
      return { line: `${actorId} released the quota slot of nomination ${event.data.nominationId}: ${event.data.reason}`, rule: `quota rules of ${event.data.awardCode}` };
    case 'CampaignDeadlineMissed':
      return { line: `the ${event.data.deadline} deadline of campaign ${event.data.campaignId} passed in phase ${event.data.phase}`, rule: `${event.data.deadline} deadline ${event.data.dueAt}` };
    case 'CouncilConstituted':
      return { line: `${actorId} constituted council ${event.data.councilId} with ${event.data.members.length} member(s)`, rule: null };
    case 'MemberAdded':
      return { line: `${actorId} added ${event.data.member.memberId} to council ${event.data.councilId}`, rule: null };
    case 'MemberRemoved':
      return { line: `${actorId} removed ${event.data.memberId} from council ${event.data.councilId}: ${event.data.reason}`, rule: null };
    case 'SessionOpened':
      return { line: `${actorId} opened session ${event.data.sessionId} of council ${event.data.councilId}, ${event.data.present.length} of ${event.data.memberCount} present`, rule: null };
    case 'SessionClosed':
      return { line: `${actorId} closed session ${event.data.sessionId}`, rule: null };
    case 'NominationPledged':
      return { line: `${actorId} pledged ${event.data.awardCode} for ${event.data.nomineeName} (${event.data.unitId}), nomination ${event.data.nominationId}`, rule: by('pledgeDeadline') };
    case 'NominationSubmitted':
      return {
        line: `${actorId} submitted nomination ${event.data.nominationId}: ${event.data.nomineeName} (${event.data.nomineeUnitId}) for ${event.data.awardCode}, ${event.data.evidence.length} evidence file(s)`,
        rule: [by('nominationDeadline'), award?.requiresPledge ? 'a pledge is required' : null].filter(Boolean).join('; ') || null,
      };
    case 'NominationReturned':
      return { line: `${actorId} returned nomination ${event.data.nominationId}: ${event.data.reason}`, rule: `resubmit by ${event.data.resubmitBy}` };
    case 'NominationResubmitted':
      return { line: `${actorId} resubmitted nomination ${event.data.nominationId}, ${event.data.evidence.length} evidence file(s)`, rule: `resubmission by the date set on return` };
    case 'EvaluatorAssigned':
      return {
        line: `${actorId} assigned evaluator ${event.data.evaluatorId} (${event.data.evaluatorUnitId}) to nomination ${event.data.nominationId}`,
        rule: `${award ? award.evaluatorsRequired : '?'} evaluator(s), none from the nominee's unit, never the submitter`,
      };
    case 'EvaluationScored':
      return { line: `${actorId} scored nomination ${event.data.nominationId} on ${event.data.scores.length} criteria`, rule: [`only assigned evaluators; each score within 0..max of its criterion`, by('evaluationDeadline')].filter(Boolean).join('; ') };
    case 'NominationEvaluated':
      return { line: `nomination ${event.data.nominationId} evaluated: ${event.data.weightedTotal} (${event.data.passed ? 'passed' : 'failed'})`, rule: `pass mark ${event.data.passMark} and each criterion's minimum` };
    case 'PublicNoticeOpened':
      return { line: `${actorId} opened the public notice of nomination ${event.data.nominationId} from ${event.data.startDate} to ${event.data.endDate}`, rule: `${event.data.requiredWorkingDays} working days' notice` };
    case 'ObjectionFiled':
      return { line: `objection ${event.data.objectionId} filed against nomination ${event.data.nominationId}`, rule: 'objections are resolved before the vote' };
    case 'ObjectionResolved':
      return { line: `${actorId} ${event.data.outcome} objection ${event.data.objectionId} on nomination ${event.data.nominationId}`, rule: 'objections are resolved before the vote' };
    case 'PublicNoticeClosed':
      return { line: `${actorId} closed the public notice of nomination ${event.data.nominationId} (${event.data.objectionsFiled} objection(s))`, rule: `closes only after ${event.data.endDate}` };
    case 'ConflictDeclared':
      return { line: `${event.data.memberId} declared a conflict on nomination ${event.data.nominationId}`, rule: 'members with a conflict do not vote' };
    case 'MemberRecused':
      return { line: `${event.data.memberId} recused from nomination ${event.data.nominationId} (${event.data.ground})`, rule: 'recused members do not vote' };
    case 'VotingOpened':
      return {
        line: `${actorId} opened the ${event.data.ballot} vote on nomination ${event.data.nominationId} in session ${event.data.sessionId}: ${event.data.present.length} of ${event.data.eligible.length} eligible present`,
        rule: `quorum ${share(event.data.quorum)} of eligible members (${event.data.quorumRequired} needed)`,
      };
    case 'BallotCast':
      return {
        line: event.data.ballot === 'secret'
          ? `${event.data.memberId} cast a secret ballot on nomination ${event.data.nominationId}`
          : `${event.data.memberId} voted ${event.data.choice} on nomination ${event.data.nominationId}`,
        rule: `one ${event.data.ballot} ballot per eligible member present`,
      };
    case 'VotingClosed':
      return {
        line: `${actorId} closed the vote on nomination ${event.data.nominationId}: ${event.data.ballot === 'secret' ? `${event.data.ballots.length} secret ballot(s) revealed` : `${event.data.votes.length} roll-call vote(s)`}`,
        rule: event.data.ballot === 'secret' ? 'ballots revealed shuffled, unlinked from voters' : 'roll call',
      };
    case 'NominationVoted':
      return {
        line: `nomination ${event.data.nominationId} ${event.data.passed ? 'passed' : 'failed'} the vote: ${event.data.yes} yes, ${event.data.no} no, ${event.data.abstain} abstain`,
        rule: `threshold ${share(event.data.threshold)} of ${event.data.thresholdBase} (${event.data.yesRequired} of ${event.data.thresholdDenominator}); quorum ${event.data.quorumRequired}`,
      };
    case 'NominationApproved':
      return {
        line: `${actorId} approved nomination ${event.data.nominationId}, decision ${event.data.decisionNumber} of ${event.data.decisionDate}`,
        rule: [`signed by the ${event.data.signerRole} after a passing vote, within quota`, by('decisionDeadline')].filter(Boolean).join('; '),
      };
    case 'NominationRejected':
      return { line: `${actorId} rejected nomination ${event.data.nominationId}: ${event.data.reason}`, rule: by('decisionDeadline') };
    case 'NominationPublished':
      return { line: `${actorId} published nomination ${event.data.nominationId} on honour list ${event.data.honourListId} at rank ${event.data.rank}`, rule: by('publicationDeadline') };
    case 'AwardRevoked':
      return { line: `${actorId} revoked the award of nomination ${event.data.nominationId}, decision ${event.data.decisionNumber} of ${event.data.decisionDate}`, rule: event.data.legalGround };
    case 'NominationWithdrawn':
      return { line: `${actorId} withdrew nomination ${event.data.nominationId}: ${event.data.reason}`, rule: null };
    case 'DeadlineMissed':
      return { line: `nomination ${event.data.nominationId} missed the ${event.data.deadline} deadline with ${event.data.outstanding} outstanding`, rule: `${event.data.deadline} deadline ${event.data.dueAt}` };
    default: {
      const _exhaustive: never = event;
      return { line: 'unknown event', rule: null };
    }
  }
}
