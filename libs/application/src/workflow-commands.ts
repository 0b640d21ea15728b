import type { CampaignCommand, CouncilCommand, NominationCommand, StreamKind } from '@vinhdanh/domain';
import { OpenCampaignCommand } from './campaign/open-campaign/open-campaign.command';
import { OpenCampaignHandler } from './campaign/open-campaign/open-campaign.handler';
import { AdvanceCampaignPhaseCommand } from './campaign/advance-campaign-phase/advance-campaign-phase.command';
import { AdvanceCampaignPhaseHandler } from './campaign/advance-campaign-phase/advance-campaign-phase.handler';
import { CloseCampaignCommand } from './campaign/close-campaign/close-campaign.command';
import { CloseCampaignHandler } from './campaign/close-campaign/close-campaign.handler';
import { AllocateQuotaSlotCommand } from './campaign/allocate-quota-slot/allocate-quota-slot.command';
import { AllocateQuotaSlotHandler } from './campaign/allocate-quota-slot/allocate-quota-slot.handler';
import { ReleaseQuotaSlotCommand } from './campaign/release-quota-slot/release-quota-slot.command';
import { ReleaseQuotaSlotHandler } from './campaign/release-quota-slot/release-quota-slot.handler';
import { MarkCampaignDeadlineMissedCommand } from './campaign/mark-campaign-deadline-missed/mark-campaign-deadline-missed.command';
import { MarkCampaignDeadlineMissedHandler } from './campaign/mark-campaign-deadline-missed/mark-campaign-deadline-missed.handler';
import { ConstituteCouncilCommand } from './council/constitute-council/constitute-council.command';
import { ConstituteCouncilHandler } from './council/constitute-council/constitute-council.handler';
import { AddCouncilMemberCommand } from './council/add-council-member/add-council-member.command';
import { AddCouncilMemberHandler } from './council/add-council-member/add-council-member.handler';
import { RemoveCouncilMemberCommand } from './council/remove-council-member/remove-council-member.command';
import { RemoveCouncilMemberHandler } from './council/remove-council-member/remove-council-member.handler';
import { OpenSessionCommand } from './council/open-session/open-session.command';
import { OpenSessionHandler } from './council/open-session/open-session.handler';
import { CloseSessionCommand } from './council/close-session/close-session.command';
import { CloseSessionHandler } from './council/close-session/close-session.handler';
import { PledgeNominationCommand } from './nomination/pledge-nomination/pledge-nomination.command';
import { PledgeNominationHandler } from './nomination/pledge-nomination/pledge-nomination.handler';
import { SubmitNominationCommand } from './nomination/submit-nomination/submit-nomination.command';
import { SubmitNominationHandler } from './nomination/submit-nomination/submit-nomination.handler';
import { ReturnNominationCommand } from './nomination/return-nomination/return-nomination.command';
import { ReturnNominationHandler } from './nomination/return-nomination/return-nomination.handler';
import { ResubmitNominationCommand } from './nomination/resubmit-nomination/resubmit-nomination.command';
import { ResubmitNominationHandler } from './nomination/resubmit-nomination/resubmit-nomination.handler';
import { AssignEvaluatorCommand } from './nomination/assign-evaluator/assign-evaluator.command';
import { AssignEvaluatorHandler } from './nomination/assign-evaluator/assign-evaluator.handler';
import { ScoreEvaluationCommand } from './nomination/score-evaluation/score-evaluation.command';
import { ScoreEvaluationHandler } from './nomination/score-evaluation/score-evaluation.handler';
import { OpenPublicNoticeCommand } from './nomination/open-public-notice/open-public-notice.command';
import { OpenPublicNoticeHandler } from './nomination/open-public-notice/open-public-notice.handler';
import { FileObjectionCommand } from './nomination/file-objection/file-objection.command';
import { FileObjectionHandler } from './nomination/file-objection/file-objection.handler';
import { ResolveObjectionCommand } from './nomination/resolve-objection/resolve-objection.command';
import { ResolveObjectionHandler } from './nomination/resolve-objection/resolve-objection.handler';
import { ClosePublicNoticeCommand } from './nomination/close-public-notice/close-public-notice.command';
import { ClosePublicNoticeHandler } from './nomination/close-public-notice/close-public-notice.handler';
import { DeclareConflictCommand } from './nomination/declare-conflict/declare-conflict.command';
import { DeclareConflictHandler } from './nomination/declare-conflict/declare-conflict.handler';
import { OpenVotingCommand } from './nomination/open-voting/open-voting.command';
import { OpenVotingHandler } from './nomination/open-voting/open-voting.handler';
import { CastBallotCommand } from './nomination/cast-ballot/cast-ballot.command';
import { CastBallotHandler } from './nomination/cast-ballot/cast-ballot.handler';
import { CloseVotingCommand } from './nomination/close-voting/close-voting.command';
import { CloseVotingHandler } from './nomination/close-voting/close-voting.handler';
import { ApproveNominationCommand } from './nomination/approve-nomination/approve-nomination.command';
import { ApproveNominationHandler } from './nomination/approve-nomination/approve-nomination.handler';
import { RejectNominationCommand } from './nomination/reject-nomination/reject-nomination.command';
import { RejectNominationHandler } from './nomination/reject-nomination/reject-nomination.handler';
import { PublishNominationCommand } from './nomination/publish-nomination/publish-nomination.command';
import { PublishNominationHandler } from './nomination/publish-nomination/publish-nomination.handler';
import { RevokeAwardCommand } from './nomination/revoke-award/revoke-award.command';
import { RevokeAwardHandler } from './nomination/revoke-award/revoke-award.handler';
import { WithdrawNominationCommand } from './nomination/withdraw-nomination/withdraw-nomination.command';
import { WithdrawNominationHandler } from './nomination/withdraw-nomination/withdraw-nomination.handler';
import { MarkDeadlineMissedCommand } from './nomination/mark-deadline-missed/mark-deadline-missed.command';
import { MarkDeadlineMissedHandler } from './nomination/mark-deadline-missed/mark-deadline-missed.handler';

/**
 * Every command the workflow takes: its domain type, the kind of stream it is decided on, the
 * CommandBus class to send and the handler that runs it. One endpoint per row is the API's job.
 */
export const WORKFLOW_COMMANDS = [
  { type: 'OpenCampaign', stream: 'campaign', command: OpenCampaignCommand, handler: OpenCampaignHandler },
  { type: 'AdvanceCampaignPhase', stream: 'campaign', command: AdvanceCampaignPhaseCommand, handler: AdvanceCampaignPhaseHandler },
  { type: 'CloseCampaign', stream: 'campaign', command: CloseCampaignCommand, handler: CloseCampaignHandler },
  { type: 'AllocateQuotaSlot', stream: 'campaign', command: AllocateQuotaSlotCommand, handler: AllocateQuotaSlotHandler },
  { type: 'ReleaseQuotaSlot', stream: 'campaign', command: ReleaseQuotaSlotCommand, handler: ReleaseQuotaSlotHandler },
  { type: 'MarkCampaignDeadlineMissed', stream: 'campaign', command: MarkCampaignDeadlineMissedCommand, handler: MarkCampaignDeadlineMissedHandler },
  { type: 'ConstituteCouncil', stream: 'council', command: ConstituteCouncilCommand, handler: ConstituteCouncilHandler },
  { type: 'AddCouncilMember', stream: 'council', command: AddCouncilMemberCommand, handler: AddCouncilMemberHandler },
  { type: 'RemoveCouncilMember', stream: 'council', command: RemoveCouncilMemberCommand, handler: RemoveCouncilMemberHandler },
  { type: 'OpenSession', stream: 'council', command: OpenSessionCommand, handler: OpenSessionHandler },
  { type: 'CloseSession', stream: 'council', command: CloseSessionCommand, handler: CloseSessionHandler },
  { type: 'PledgeNomination', stream: 'nomination', command: PledgeNominationCommand, handler: PledgeNominationHandler },
  { type: 'SubmitNomination', stream: 'nomination', command: SubmitNominationCommand, handler: SubmitNominationHandler },
  { type: 'ReturnNomination', stream: 'nomination', command: ReturnNominationCommand, handler: ReturnNominationHandler },
  { type: 'ResubmitNomination', stream: 'nomination', command: ResubmitNominationCommand, handler: ResubmitNominationHandler },
  { type: 'AssignEvaluator', stream: 'nomination', command: AssignEvaluatorCommand, handler: AssignEvaluatorHandler },
  { type: 'ScoreEvaluation', stream: 'nomination', command: ScoreEvaluationCommand, handler: ScoreEvaluationHandler },
  { type: 'OpenPublicNotice', stream: 'nomination', command: OpenPublicNoticeCommand, handler: OpenPublicNoticeHandler },
  { type: 'FileObjection', stream: 'nomination', command: FileObjectionCommand, handler: FileObjectionHandler },
  { type: 'ResolveObjection', stream: 'nomination', command: ResolveObjectionCommand, handler: ResolveObjectionHandler },
  { type: 'ClosePublicNotice', stream: 'nomination', command: ClosePublicNoticeCommand, handler: ClosePublicNoticeHandler },
  { type: 'DeclareConflict', stream: 'nomination', command: DeclareConflictCommand, handler: DeclareConflictHandler },
  { type: 'OpenVoting', stream: 'nomination', command: OpenVotingCommand, handler: OpenVotingHandler },
  { type: 'CastBallot', stream: 'nomination', command: CastBallotCommand, handler: CastBallotHandler },
  { type: 'CloseVoting', stream: 'nomination', command: CloseVotingCommand, handler: CloseVotingHandler },
  { type: 'ApproveNomination', stream: 'nomination', command: ApproveNominationCommand, handler: ApproveNominationHandler },
  { type: 'RejectNomination', stream: 'nomination', command: RejectNominationCommand, handler: RejectNominationHandler },
  { type: 'PublishNomination', stream: 'nomination', command: PublishNominationCommand, handler: PublishNominationHandler },
  { type: 'RevokeAward', stream: 'nomination', command: RevokeAwardCommand, handler: RevokeAwardHandler },
  { type: 'WithdrawNomination', stream: 'nomination', command: WithdrawNominationCommand, handler: WithdrawNominationHandler },
  { type: 'MarkDeadlineMissed', stream: 'nomination', command: MarkDeadlineMissedCommand, handler: MarkDeadlineMissedHandler },
] as const;

export type WorkflowCommandEntry = (typeof WORKFLOW_COMMANDS)[number];
export type WorkflowCommandType = WorkflowCommandEntry['type'];
export const COMMAND_HANDLERS = WORKFLOW_COMMANDS.map((c) => c.handler);

// A domain command with no row here is a compile error, and so is a row for no domain command.
type DomainCommandType = CampaignCommand['type'] | CouncilCommand['type'] | NominationCommand['type'];
const _everyDomainCommand: [Exclude<DomainCommandType, WorkflowCommandType>] extends [never] ? true : never = true;
const _onlyDomainCommands: [Exclude<WorkflowCommandType, DomainCommandType>] extends [never] ? true : never = true;
const _streamKinds: readonly StreamKind[] = WORKFLOW_COMMANDS.map((c) => c.stream);
