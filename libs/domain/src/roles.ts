/** The roles a token can carry. Commands check them; the API maps them to guards. */
export const ROLES = [
  'unit_officer',
  'evaluator',
  'council_member',
  'council_secretary',
  'approver',
  'publisher',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasRole(actor: { roles: readonly string[] }, ...anyOf: readonly Role[]): boolean {
  return anyOf.some((r) => actor.roles.includes(r));
}
