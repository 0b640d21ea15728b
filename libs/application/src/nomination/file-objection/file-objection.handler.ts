import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { refuse } from '@vinhdanh/domain';
import { CommandRunner, ConcurrencyConflict, DomainRefusal, PersonalDataStore, workflowResult } from '../kit';
import { FileObjectionCommand, type FileObjectionResult } from './file-objection.command';

const isPersonalData = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string') && Object.values(v).some((x) => x.trim() !== '');

/**
 * The filer's data is stored first (so the event can commit to it), then the objection is
 * appended with only the reference and the commitment. If the append is refused, or turns out
 * to be a repeat of an objection already filed, the fresh personal-data row is erased again.
 */
@CommandHandler(FileObjectionCommand)
export class FileObjectionHandler implements ICommandHandler<FileObjectionCommand> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(PersonalDataStore) private readonly personalData: PersonalDataStore,
  ) {}

  async execute({ type, data, metadata }: FileObjectionCommand): Promise<FileObjectionResult> {
    if (!isPersonalData(data.filer)) throw new DomainRefusal(refuse('INVALID_COMMAND', 'Say who files the objection and how to reach them.'));
    const { filer, ...rest } = data;
    const objectionId = data.objectionId ?? randomUUID();
    const { ref, commitment } = await this.personalData.record(`objection:${data.nominationId}:${objectionId}`, filer);
    let outcome;
    try {
      outcome = await this.runner.nomination({ type, data: { ...rest, objectionId, filerRef: ref, filerCommitment: commitment }, metadata });
    } catch (error) {
      // Only when the append surely did not happen; after an unknown store failure the row stays.
      if (error instanceof ConcurrencyConflict) await this.personalData.erase(ref);
      throw error;
    }
    if (!outcome.ok || outcome.replayed) await this.personalData.erase(ref);
    if (!outcome.ok) throw new DomainRefusal(outcome.error);
    const filed = outcome.appended[0].event;
    const d = filed.type === 'ObjectionFiled' ? filed.data : { objectionId, filerRef: ref };
    return { ...workflowResult(outcome), objectionId: d.objectionId, filerRef: d.filerRef };
  }
}
