import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { loadStoreConfig } from '@vinhdanh/config';
import { createEventStore } from '@vinhdanh/event-store';
import { ensureLedgerSchema, writeBundle } from '@vinhdanh/ledger';
import { openSqlClient } from '@vinhdanh/sql';
import { fail } from '../cli-command';
import { publishedReadModels } from './ledger-read-models';

/** A progress bar on stderr, only for a person at a terminal (never in pipes or CI logs). */
export function progressBar(label: string): { update(done: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {percentage}% {value}/{total} events`, hideCursor: true });
        bar.start(Math.max(total, done), 0);
      }
      bar.setTotal(Math.max(total, done));
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}

export function register(program: Command): void {
  program
    .command('export')
    .description(
      'write an audit bundle (NDJSON): keys, signed checkpoints, consistency proofs, every event up to the latest checkpoint, ' +
        'catalog snapshots and the published read models; with --campaign the events stay whole (Merkle proofs need every leaf) ' +
        'and only the read models are restricted to that campaign',
    )
    .requiredOption('--out <file>', 'where to write the bundle')
    .option('--campaign <id>', 'restrict the published read models to one campaign')
    .action(async (options: { out: string; campaign?: string }) => {
      const config = loadStoreConfig();
      const store = createEventStore(config);
      const sql = await openSqlClient(config);
      const bar = progressBar('export');
      try {
        await ensureLedgerSchema(sql);
        const out = createWriteStream(options.out);
        const end = await writeBundle(out, {
          sql,
          log: store,
          readModels: publishedReadModels(sql),
          campaignId: options.campaign ?? null,
          onProgress: (done, total) => bar.update(done, total),
        });
        out.end();
        await finished(out);
        bar.stop();
        process.stdout.write(
          `wrote ${options.out}: ${end.events} events, ${end.checkpoints} checkpoints, ${end.keys} keys, ${end.readModelRows} read-model rows\n`,
        );
      } catch (error) {
        bar.stop();
        fail(error instanceof Error ? error.message : String(error));
      } finally {
        await store.close();
        await sql.close();
      }
    });
}
