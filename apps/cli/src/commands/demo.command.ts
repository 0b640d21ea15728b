import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '@vinhdanh/config';
import { fail } from '../cli-command';
import { DemoRequestFailed } from '../demo/demo-http';
import type { SeasonOutcome } from '../demo/play-season';
import { probeServer, runDemo } from '../demo/run-demo';
import { AWARDS, FULL_SEASON, type SeasonSize } from '../demo/season-plan';
import { RedisUnavailable } from '../serve/apps';
import { cliCommand } from '../serve/banner';
import { dataDirEnv } from '../serve/data-dir';
import { stopOnSignals } from './serve.command';

interface DemoOptions {
  url?: string;
  data?: string;
  concurrency: string;
  flags: string;
  certificates: string;
  fighters: string;
  port: string;
  stay?: boolean;
}

const DEFAULT_URL = 'http://127.0.0.1:3000';

/** The end of the demo: the honour list, the fairness summary, the checks, where to look. */
export function report(outcome: SeasonOutcome, url: string, tokenHint: string): string {
  const out: string[] = [];
  for (const award of Object.values(AWARDS)) {
    const entries = outcome.honourList.filter((e) => e.awardCode === award.code);
    if (!entries.length) continue;
    const revoked = entries.filter((e) => e.status === 'revoked').length;
    out.push('', `Honour list — ${award.name}: ${entries.length}${revoked ? ` (${revoked} since revoked)` : ''}`);
    for (const e of entries) {
      out.push(`  ${String(e.rank).padStart(3)}. ${e.nomineeName} — ${e.unitId} — ${e.decisionNumber}${e.status === 'revoked' ? '   [REVOKED]' : ''}`);
    }
  }
  const { summary, decisions, distribution } = outcome.fairness;
  out.push('', 'Fairness report (every rule recomputed from the events):');
  for (const [check, counts] of Object.entries(summary)) {
    out.push(`  ${check.padEnd(12)} ${String(counts.pass).padStart(3)} pass  ${String(counts.fail).padStart(3)} fail  ${String(counts.pending).padStart(3)} pending`);
  }
  const failing = decisions.filter((d) => d.failed.length);
  if (failing.length) out.push(`  flagged: ${failing.map((d) => `${d.nominationId} (${d.failed.join(', ')})`).join('; ')}`);
  const outliers = distribution.byUnit.filter((u) => u.outlier);
  out.push(`  ${distribution.awards} awards in force over ${distribution.byUnit.length} units; ${outliers.length ? `outliers: ${outliers.map((u) => u.unitId).join(', ')}` : 'no unit above its share bound'}`);
  out.push('', 'The season, checked against its script:');
  for (const c of outcome.checks) out.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.what}: ${c.detail}`);
  const sample = outcome.honourList.find((e) => e.status === 'published');
  out.push(
    '',
    'Where to look in a browser:',
    `  honour list (public)     ${url}/pages/campaigns/${outcome.campaignId}`,
    ...(sample ? [`  an entry and its proof   ${url}/honour-list/${sample.nominationId}/proof`] : []),
    `  staff and audit pages    ${url}/pages/sign-in, with a token from: ${tokenHint}`,
    `  fairness (auditor)       ${url}/pages/audit/campaigns/${outcome.campaignId}/fairness`,
    `  API docs                 ${url}/docs`,
    '',
    `${outcome.requests} HTTP requests in ${(outcome.elapsedMs / 1000).toFixed(1)} s.`,
  );
  return out.join('\n');
}

function count(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) fail(`${name} takes a whole number from 1 to 1000`, 2);
  return n;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'play a whole provincial season through the HTTP API — council of 15, ~90 nominations from 20 units, evaluation, public notice with objections, ' +
        'secret ballots with a recusal, approval, publication, a revocation — with deadlines compressed so the worker\'s jobs close notices and votes on their own; ' +
        'exits 0 only when the season ends as scripted',
    )
    .option('--url <url>', `a server started with \`vinhdanh serve --demo-clock\` (default: ${DEFAULT_URL} if it is one, else a server of its own)`)
    .option('--data <dir>', 'where its own server keeps its files (default ./data/demo-<time>); with --url, the data directory that server was started with (for its token secret)')
    .option('--port <n>', 'its own server\'s port (0: any free port)', '0')
    .option('--concurrency <n>', 'requests in flight at most', '8')
    .option('--flags <n>', 'collectives that receive the emulation flag', String(FULL_SEASON.flags))
    .option('--certificates <n>', 'individuals that receive the certificate of merit', String(FULL_SEASON.certificates))
    .option('--fighters <n>', 'emulation fighter nominations (their secret ballots are closed by the deadline job)', String(FULL_SEASON.fighters))
    .option('--stay', 'keep its own server running after the season, to look around (Ctrl-C stops it)')
    .action(async (options: DemoOptions) => {
      const size: SeasonSize = { flags: count(options.flags, '--flags'), certificates: count(options.certificates, '--certificates'), fighters: count(options.fighters, '--fighters') };
      const concurrency = count(options.concurrency, '--concurrency');
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port takes a port number (0-65535)', 2);
      const say = (line: string) => process.stdout.write(`${line}\n`);
      let url = options.url;
      if (url) {
        const kind = await probeServer(url);
        if (kind === 'none') fail(`nothing answers at ${url}/health`);
        if (kind === 'plain') fail(`${url} runs on the real clock, where a season takes months; start it with \`vinhdanh serve --demo-clock\`, or run the demo without --url`);
      } else {
        const found = await probeServer(DEFAULT_URL);
        if (found === 'demo') {
          url = DEFAULT_URL;
          say(`Using the demo server at ${url}`);
        } else if (found === 'plain') {
          say(`The server at ${DEFAULT_URL} runs on the real clock (not started with --demo-clock), so the demo plays on a server of its own.`);
        }
      }
      const dataDir = options.data ?? join('data', `demo-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}`);
      const t0 = Date.now();
      let run;
      try {
        // Against a running server, tokens are signed with its secret: the one under --data if given.
        const env = url && options.data ? dataDirEnv(options.data) : process.env;
        run = await runDemo({ url, dataDir, size, concurrency, env, say, port });
      } catch (error) {
        if (error instanceof RedisUnavailable) fail(error.message);
        if (error instanceof ConfigError) fail(`configuration: ${error.message}`, 78);
        if (error instanceof DemoRequestFailed && error.status === 401) {
          fail(`${error.message}\n  the server signs tokens with another secret: give the --data it was started with, or the same JWT_SECRET`);
        }
        if (error instanceof DemoRequestFailed) fail(`the season went off script: ${error.message}`);
        throw error;
      }
      const tokenHint = `${cliCommand()} token${run.server || options.data ? ` --data ${dataDir}` : ''} --role auditor --sub thanh-tra-vien`;
      say(report(run.outcome, run.url, tokenHint));
      say(`The demo took ${((Date.now() - t0) / 1000).toFixed(1)} s in all.`);
      const ok = run.outcome.ok;
      if (!ok) process.stderr.write('vinhdanh: the season did not end as scripted (see FAIL above)\n');
      if (run.server && options.stay) {
        say(`\nThe server stays up at ${run.url} (its clock is the demo's). Ctrl-C stops it.`);
        stopOnSignals({ stop: run.server.close }, (line) => say(`vinhdanh: ${line}`), ok ? 0 : 1);
        return;
      }
      if (run.server) {
        say(`\nIts server stops now (\`--stay\` keeps it up); the season stays in ${dataDir}.`);
        await run.server.close();
      }
      process.exit(ok ? 0 : 1);
    });
}
