import { hostname } from 'node:os';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { loadStoreConfig } from '@vinhdanh/config';
import { createEventStore } from '@vinhdanh/event-store';
import { LeaseRow, PgAdvisoryLease, RebuildBusy, projectionsNamed, readerCheckpoint, rebuild, type ProjectionLease, type RebuildProgress } from '@vinhdanh/projections';
import { openSqlClient } from '@vinhdanh/sql';
import { fail } from '../cli-command';
import { dataDirEnv } from '../serve/data-dir';

/** On a terminal a bar with events/s; elsewhere one line when done (logs stay readable). */
function rebuildProgress(): { update(p: RebuildProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  let bar: SingleBar | undefined;
  return {
    update(p) {
      const payload = { eps: Math.round(p.eventsPerSec).toLocaleString('en'), phase: p.phase };
      if (!bar) {
        bar = new SingleBar({
          stream: process.stderr,
          format: `rebuilding ${p.projections.join(', ')} [{bar}] {percentage}% {value}/{total} events | {eps} events/s | {phase}`,
          hideCursor: true,
        });
        bar.start(Math.max(p.total, p.done), 0, payload);
      }
      bar.setTotal(Math.max(p.total, p.done));
      bar.update(p.done, payload);
    },
    stop() {
      bar?.stop();
    },
  };
}

export function register(program: Command): void {
  program
    .command('rebuild')
    .description('replay the whole log into fresh read-model tables and switch readers over when done (one read model, or all)')
    .argument('[name]', 'the read model to rebuild (audit_trail, honour_list, dossier, council_tally, campaign_progress, fairness); all when absent')
    .option('--data <dir>', 'the data directory of the embedded store (default ./data)')
    .action(async (name: string | undefined, options: { data?: string }) => {
      let projections;
      try {
        projections = projectionsNamed(name ? [name] : undefined);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error), 2);
      }
      const config = loadStoreConfig(options.data ? dataDirEnv(options.data) : process.env);
      const store = createEventStore(config);
      const sql = await openSqlClient(config);
      const holder = `rebuild:${hostname()}:${process.pid}`;
      const lease: ProjectionLease = config.databaseUrl && sql.dialect === 'postgres' ? new PgAdvisoryLease(config.databaseUrl, holder) : new LeaseRow(sql, holder);
      const progress = rebuildProgress();
      try {
        for (const projection of projections) {
          const at = await readerCheckpoint(sql, projection.name);
          process.stderr.write(`${projection.name}: readers are at ${at === null ? 'nothing yet' : `event ${at}`}\n`);
        }
        const result = await rebuild({ store, sql, projections, lease, onProgress: (p) => progress.update(p) });
        progress.stop();
        const versions = Object.entries(result.versions).map(([n, v]) => `${n} v${v}`).join(', ');
        process.stdout.write(
          `rebuilt ${versions} from ${result.events} events in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round(result.eventsPerSec)} events/s); readers switched over\n`,
        );
      } catch (error) {
        progress.stop();
        if (error instanceof RebuildBusy) fail(`${error.message}; try again when it is done`);
        throw error;
      } finally {
        await lease.close();
        await sql.close();
        await store.close();
      }
    });
}
