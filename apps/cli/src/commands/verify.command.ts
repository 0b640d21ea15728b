import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { formatReport, readBundle, verifyBundle } from '@vinhdanh/ledger';
import { fail } from '../cli-command';
import { progressBar } from './export.command';
import { ProjectionRecompute } from './ledger-read-models';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Past a few threads the one that checks order (chain, roots, audit) is the bottleneck, so more would only cost memory. */
const MAX_THREADS = 8;
const DEFAULT_THREADS = Math.min(MAX_THREADS, availableParallelism());

const threadCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_THREADS) fail(`--threads must be an integer from 1 to ${MAX_THREADS}, got "${value}"`, 2);
  return n;
};

export function register(program: Command): void {
  program
    .command('verify')
    .description(
      'check an audit bundle offline (no database, no Redis, no network): hash chain, checkpoint signatures and roots, ' +
        'consistency, secret ballots against participation, council results, honour-list entries, and the published read ' +
        'models re-run from the events; exits 0 only when everything holds',
    )
    .argument('<file>', 'the bundle written by `vinhdanh export`')
    .option('--json', 'print the report as JSON')
    .option('--key <vkey>', "the log's published verifier key (repeatable); without it the bundle's own keys are used", collect)
    .option(
      '--threads <n>',
      `threads in all: the others cut the lines and hash the events while one checks everything that depends on order (default: this machine's ${DEFAULT_THREADS}, at most ${MAX_THREADS}); the checks and the report are the same for any number`,
      threadCount,
      DEFAULT_THREADS,
    )
    .action(async (file: string, options: { json?: boolean; key?: string[]; threads: number }) => {
      if (!existsSync(file)) fail(`no such file: ${file}`, 2);
      const bar = progressBar(`verify (${options.threads} ${options.threads === 1 ? 'thread' : 'threads'})`);
      let report;
      try {
        report = await verifyBundle(readBundle(file, { threads: options.threads }), {
          trustedKeys: options.key,
          recompute: new ProjectionRecompute(),
          onProgress: (done, total) => bar.update(done, total),
        });
      } catch (error) {
        bar.stop();
        fail(error instanceof Error ? error.message : String(error), 2);
      }
      bar.stop();
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}
