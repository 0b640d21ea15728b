import type { Role } from '@vinhdanh/domain';
import { ProblemException } from '../errors/problem';
import type { ApiActor } from './actor';

/** Roles that see across units; a caller with none of them is a unit officer, limited to their unit. */
const CROSS_UNIT: Role[] = ['evaluator', 'council_member', 'council_secretary', 'approver', 'publisher', 'auditor', 'admin'];

export function limitedToOwnUnit(actor: ApiActor): boolean {
  return !actor.roles.some((role) => CROSS_UNIT.includes(role));
}

/** A unit officer reads their own unit's records only; others are refused as the domain does (NOT_OWN_UNIT). */
export function assertOwnUnit(actor: ApiActor, unitId: string | null | undefined): void {
  if (limitedToOwnUnit(actor) && (!actor.unit || actor.unit !== unitId)) {
    throw new ProblemException(403, 'NOT_OWN_UNIT', 'Forbidden', 'A unit officer sees only their own unit\'s nominations.');
  }
}
