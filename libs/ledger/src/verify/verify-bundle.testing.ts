import type { VerificationReport } from './report';

/** Failed checks as `id: CODE@position`, so a test names exactly what must be caught. */
export function failures(report: VerificationReport): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => `${c.id}: ${c.failure?.code}${c.failure?.position === undefined ? '' : `@${c.failure.position}`}`);
}
