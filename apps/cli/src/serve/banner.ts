import { relative } from 'node:path';
import type { StoreConfig } from '@vinhdanh/config';
import { ROLES } from '@vinhdanh/domain';

/** How to run this CLI again from here: the built file, or the TypeScript through swc. */
export function cliCommand(): string {
  const script = process.argv[1] ? relative(process.cwd(), process.argv[1]) || process.argv[1] : 'dist/apps/cli/src/main.js';
  return script.endsWith('.ts') ? `node -r @swc-node/register -r reflect-metadata ${script}` : `node ${script}`;
}

/** Where the log lives, without a password. */
export function describeStore(config: StoreConfig): string {
  const hide = (url: string) => {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  };
  switch (config.backend) {
    case 'sqlite':
      return `SQLite at ${config.sqlitePath} (embedded)`;
    case 'postgres':
      return `PostgreSQL at ${hide(config.databaseUrl!)}`;
    case 'kurrentdb':
      return `KurrentDB at ${hide(config.kurrentdbUrl!)}, read models in ${hide(config.databaseUrl!)}`;
  }
}

export interface BannerFacts {
  url: string;
  store: StoreConfig;
  redisUrl: string;
  redisStarted: { pid?: number; dataDir: string } | null;
  ledgerKey: string;
  ledgerKeyGenerated: boolean;
  /** The `--data` given, repeated in the token hint so the token is signed with the same secret. */
  dataDir?: string;
  demoClock: boolean;
}

export function banner(facts: BannerFacts): string {
  const redis = new URL(facts.redisUrl).host;
  const data = facts.dataDir ? ` --data ${facts.dataDir}` : '';
  const lines = [
    '',
    'Vinh Danh is running (API and worker in one process)',
    `  web pages    ${facts.url}/pages`,
    `  API docs     ${facts.url}/docs   (OpenAPI JSON at ${facts.url}/docs-json)`,
    `  health       ${facts.url}/health`,
    `  event store  ${describeStore(facts.store)}`,
    `  jobs         Redis at ${redis}${facts.redisStarted ? ` (redis-server started here, pid ${facts.redisStarted.pid}, files in ${facts.redisStarted.dataDir})` : ''}`,
    `  ledger key   ${facts.ledgerKey}${facts.ledgerKeyGenerated ? '   (generated now: publish it)' : ''}`,
    `  a token      ${cliCommand()} token${data} --role admin --sub admin-1   (roles: ${ROLES.join(', ')}; --unit U for unit officers)`,
  ];
  if (facts.demoClock) lines.push('  demo clock   on: POST /demo/clock moves it forward (admin); run `' + cliCommand() + ' demo --url ' + facts.url + '`');
  lines.push('Ctrl-C (SIGINT) or SIGTERM stops it gracefully.', '');
  return lines.join('\n');
}
