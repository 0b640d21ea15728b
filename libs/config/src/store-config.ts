import { ConfigError } from './config-error';
import { Env, readChoice, readString, readUrl } from './env-readers';

export const STORE_BACKENDS = ['sqlite', 'postgres', 'kurrentdb'] as const;
export type StoreBackend = (typeof STORE_BACKENDS)[number];

export interface StoreConfig {
  backend: StoreBackend;
  sqlitePath: string;
  databaseUrl?: string;
  kurrentdbUrl?: string;
}

export function loadStoreConfig(env: Env = process.env): StoreConfig {
  const backend = readChoice(env, 'EVENT_STORE', STORE_BACKENDS, 'sqlite');
  const config: StoreConfig = {
    backend,
    sqlitePath: readString(env, 'SQLITE_PATH', './data/vinhdanh.db'),
    databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    kurrentdbUrl: readUrl(env, 'KURRENTDB_URL', ['kurrentdb:', 'esdb:', 'kurrentdb+discover:', 'esdb+discover:']),
  };
  if (backend === 'postgres' && !config.databaseUrl) {
    throw new ConfigError('DATABASE_URL', undefined, 'a postgres:// URL, required when EVENT_STORE=postgres');
  }
  if (backend === 'kurrentdb' && !config.kurrentdbUrl) {
    throw new ConfigError('KURRENTDB_URL', undefined, 'a kurrentdb:// URL, required when EVENT_STORE=kurrentdb');
  }
  if (backend === 'kurrentdb' && !config.databaseUrl) {
    throw new ConfigError('DATABASE_URL', undefined, 'a postgres:// URL for the read models, required when EVENT_STORE=kurrentdb');
  }
  return config;
}
