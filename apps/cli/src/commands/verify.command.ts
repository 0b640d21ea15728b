import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { formatReport, readBundle, verifyBundle } from '@vinhdanh/ledger';
import { fail } from '../cli-command';
import { progressBar } from './export.command';
import { ProjectionRecompute } from './ledger-read-models';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

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
    .action(async (file: string, options: { json?: boolean; key?: string[] }) => {
      if (!existsSync(file)) fail(`no such file: ${file}`, 2);
      const bar = progressBar('verify');
      let report;
      try {
        report = await verifyBundle(readBundle(file), {
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
