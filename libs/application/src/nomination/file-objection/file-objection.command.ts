import type { FileObjection } from '@vinhdanh/domain';
import { WorkflowCommand, type PersonalData, type WorkflowResult } from '../kit';

/**
 * Who files is given in `filer` (name, contact…) and goes to the erasable personal-data
 * store; the event carries only a reference and a salted commitment, which the handler makes.
 */
export type FileObjectionData = Omit<FileObjection['data'], 'filerRef' | 'filerCommitment' | 'objectionId'> & {
  /** Drawn by the handler when absent. */
  objectionId?: string;
  filer: PersonalData;
};

export interface FileObjectionResult extends WorkflowResult {
  objectionId: string;
  /** Reference of the filer's personal data; erasing it leaves the log valid. */
  filerRef: string;
}

export class FileObjectionCommand extends WorkflowCommand<FileObjectionData, FileObjectionResult> {
  readonly type = 'FileObjection' as const;
}
