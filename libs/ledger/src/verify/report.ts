/** One line of a verification report: a named check, how much it looked at, and the first failure. */
export interface CheckResult {
  id: string;
  title: string;
  ok: boolean;
  /** How many items (events, checkpoints, entries…) the check examined. */
  checked: number;
  /** The first thing that failed: where and why. Later failures of the same check are counted, not listed. */
  failure?: CheckFailure;
  failures: number;
  /** Something the reader should know even when the check passed (e.g. which keys were trusted). */
  note?: string;
}

export interface CheckFailure {
  code: string;
  message: string;
  /** Log position the failure is about, when it is about one. */
  position?: number;
}

export interface VerificationReport {
  ok: boolean;
  checks: CheckResult[];
}

/** Accumulates one check; keeps the first failure, counts the rest. */
export class Check {
  private count = 0;
  private first: CheckFailure | undefined;
  private failed = 0;
  private remark: string | undefined;

  constructor(
    readonly id: string,
    readonly title: string,
  ) {}

  pass(n = 1): void {
    this.count += n;
  }

  fail(code: string, message: string, position?: number): void {
    this.count += 1;
    this.failed += 1;
    if (!this.first) this.first = position === undefined ? { code, message } : { code, message, position };
  }

  note(text: string): void {
    this.remark = text;
  }

  get ok(): boolean {
    return this.failed === 0;
  }

  result(): CheckResult {
    return {
      id: this.id,
      title: this.title,
      ok: this.failed === 0,
      checked: this.count,
      failures: this.failed,
      ...(this.first ? { failure: this.first } : {}),
      ...(this.remark ? { note: this.remark } : {}),
    };
  }
}

export function report(checks: readonly Check[]): VerificationReport {
  const results = checks.map((c) => c.result());
  return { ok: results.every((c) => c.ok), checks: results };
}

/** The human-readable report the CLI prints. */
export function formatReport(r: VerificationReport): string {
  const lines: string[] = [];
  for (const c of r.checks) {
    const mark = c.ok ? 'PASS' : 'FAIL';
    lines.push(`${mark}  ${c.title} (${c.checked} checked${c.failures ? `, ${c.failures} failed` : ''})`);
    if (c.failure) {
      const where = c.failure.position === undefined ? '' : ` at position ${c.failure.position}`;
      lines.push(`      first failure${where}: [${c.failure.code}] ${c.failure.message}`);
    }
    if (c.note) lines.push(`      note: ${c.note}`);
  }
  lines.push(r.ok ? 'RESULT: everything holds' : 'RESULT: verification FAILED');
  return `${lines.join('\n')}\n`;
}
