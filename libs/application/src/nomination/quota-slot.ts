import { Logger } from '@nestjs/common';
import type { CommandMetadata, NominationState } from '@vinhdanh/domain';
import { acceptedOrThrow, workflowResult, type CommandRunner, type WorkflowResult } from '../kernel';

/**
 * The cross-stream step of an approval, as campaign-decider.ts designs it: a quota slot is
 * held on the campaign stream (appended with the campaign's expected revision, so concurrent
 * approvals are counted one after the other) before NominationApproved may be appended.
 *
 * Under concurrency and crashes:
 * - Allocation is idempotent per nomination, so a retried or concurrent approval of the same
 *   nomination shares one slot.
 * - A crash between the two appends leaves a slot and no approval. That errs towards fewer
 *   awards, never more; the next ApproveNomination finds the slot and simply appends the
 *   approval, and a rejection or withdrawal releases it (below).
 * - A slot is released only once its nomination is rejected or withdrawn. Those states are
 *   final, so no concurrent approval can still be counting on that slot; a slot is never
 *   released because of a refusal that might be transient (another approver got there first,
 *   a deadline seen with a different clock).
 */
/**
 * The campaign stream is shared by every nomination, so a follow-up's idempotency key names its
 * nomination: a client that reused one key for two approvals must not have the second
 * allocation taken for a repeat of the first.
 */
function followUp(metadata: CommandMetadata, nominationId: string): CommandMetadata {
  const { idempotencyKey, ...rest } = metadata;
  return idempotencyKey === undefined ? rest : { ...rest, idempotencyKey: `${idempotencyKey}/${nominationId}` };
}

export async function allocateSlotFor(runner: CommandRunner, state: NominationState, metadata: CommandMetadata): Promise<WorkflowResult> {
  const outcome = await runner.campaign({
    type: 'AllocateQuotaSlot',
    data: { campaignId: state.campaignId, nominationId: state.nominationId, awardCode: state.awardCode, unitId: state.nominee?.unitId ?? '' },
    metadata: followUp(metadata, state.nominationId),
  });
  return workflowResult(acceptedOrThrow(outcome));
}

const FINAL_WITHOUT_AWARD: NominationState['status'][] = ['rejected', 'withdrawn'];
const logger = new Logger('QuotaSlot');

/**
 * The deterministic follow-up: if the nomination is finally without an award and its campaign
 * still holds a slot for it, release the slot. Safe to repeat (a second release finds no slot).
 * A refusal here (e.g. the actor's role may not release slots) is logged, not thrown: the
 * command that triggered it has already been applied, and a held slot only errs towards fewer
 * awards.
 */
export async function releaseSlotIfFinal(
  runner: CommandRunner,
  nominationId: string,
  metadata: CommandMetadata,
  reason: string,
): Promise<WorkflowResult | null> {
  const state = await runner.nominationState(nominationId);
  if (!FINAL_WITHOUT_AWARD.includes(state.status) || !state.campaignId) return null;
  const campaign = await runner.campaignState(state.campaignId);
  if (campaign.status === 'none' || !campaign.slots[nominationId]) return null;
  const outcome = await runner.campaign({
    type: 'ReleaseQuotaSlot',
    data: { campaignId: state.campaignId, nominationId, reason },
    metadata: followUp(metadata, nominationId),
  });
  if (outcome.ok) return workflowResult(outcome);
  if (outcome.error.code !== 'QUOTA_SLOT_NOT_FOUND') {
    logger.warn(`slot of nomination ${nominationId} kept: release refused with ${outcome.error.code} (correlation ${metadata.correlationId})`);
  }
  return null;
}
