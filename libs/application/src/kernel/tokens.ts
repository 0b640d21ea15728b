import type { AwardCatalog } from '@vinhdanh/domain';

/** The SqlClient the ballot box and the personal-data store keep their tables in. */
export const SQL_CLIENT = Symbol('SQL_CLIENT');
/** Resolved WorkflowOptions. */
export const WORKFLOW_OPTIONS = Symbol('WORKFLOW_OPTIONS');

export interface WorkflowOptions {
  /** The catalog in force: what OpenCampaign snapshots when the command brings none. */
  catalog: AwardCatalog;
  /** Attempts per command when other writers keep moving the stream. */
  maxAttempts: number;
}
