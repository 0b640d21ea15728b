import { join } from 'node:path';
import type { Env } from '@vinhdanh/config';

/**
 * Everything the embedded set-up keeps on disk, under one directory: the SQLite log, the token
 * secret, the ledger key and a local redis-server's files. Variables already set win, so
 * `--data` only moves the defaults.
 */
export function dataDirEnv(dir: string, env: Env = process.env): Env {
  return {
    ...env,
    SQLITE_PATH: env.SQLITE_PATH || join(dir, 'vinhdanh.db'),
    JWT_SECRET_FILE: env.JWT_SECRET_FILE || join(dir, 'jwt-secret'),
    LEDGER_KEY_DIR: env.LEDGER_KEY_DIR || dir,
    REDIS_DATA_DIR: env.REDIS_DATA_DIR || join(dir, 'redis'),
  };
}
