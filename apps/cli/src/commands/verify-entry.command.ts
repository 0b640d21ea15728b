import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { type EntryProof, formatReport, verifyEntryProof } from '@vinhdanh/ledger';
import { fail } from '../cli-command';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function register(program: Command): void {
  program
    .command('verify-entry')
    .description(
      'check one honour-list entry from its downloaded proof: the checkpoint signature, each event against its leaf hash and ' +
        'inclusion proof, and the decisions behind the entry; exits 0 only when everything holds',
    )
    .argument('<file>', 'the entry proof (JSON) served for the entry')
    .option('--json', 'print the report as JSON')
    .option('--key <vkey>', "the log's published verifier key (repeatable); without it the proof's own keys are used", collect)
    .action((file: string, options: { json?: boolean; key?: string[] }) => {
      let proof: EntryProof;
      try {
        proof = JSON.parse(readFileSync(file, 'utf8')) as EntryProof;
      } catch (error) {
        fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, 2);
      }
      const report = verifyEntryProof(proof, { trustedKeys: options.key });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}
