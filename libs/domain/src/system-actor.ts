/**
 * The actor jobs act as when a deadline passes. It is not one of ROLES: no token can carry it
 * (the API keeps only known roles), and the deciders grant it only steps that the clock alone
 * makes due — closing a vote once the decision deadline has passed, closing a public notice once
 * its end date is over, recording a missed deadline.
 */
export const SYSTEM_ROLE = 'system';

export const SYSTEM_SCHEDULER = { id: 'system:scheduler', roles: [SYSTEM_ROLE] };

export function isSystemActor(actor: { roles: readonly string[] }): boolean {
  return actor.roles.includes(SYSTEM_ROLE);
}
