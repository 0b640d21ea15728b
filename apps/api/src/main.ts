import 'reflect-metadata';
import { ConfigError, loadApiConfig, loadStoreConfig } from '@vinhdanh/config';
import { bootstrapApi } from './bootstrap-api';
import { runWorkers } from './cluster/run-workers';

/**
 * Standalone API from the environment (EVENT_STORE, DATABASE_URL, PORT, HOST, JWT_*, REDIS_URL),
 * in API_WORKERS processes sharing the port.
 */
async function main(): Promise<void> {
  const config = loadApiConfig();
  if (config.workers > 1 && loadStoreConfig().backend === 'sqlite') {
    // One SQLite file, one writing process: the embedded store batches appends in memory.
    throw new ConfigError('API_WORKERS', String(config.workers), '1 with EVENT_STORE=sqlite; several workers need EVENT_STORE=postgres or kurrentdb');
  }
  await runWorkers({ workers: config.workers, start: () => bootstrapApi({ config }) });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`the API could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
