import 'reflect-metadata';
import { ConfigError } from '@vinhdanh/config';
import { bootstrapApi } from './bootstrap-api';

/** Standalone API from the environment (EVENT_STORE, DATABASE_URL, PORT, HOST, JWT_*, REDIS_URL). */
bootstrapApi().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`configuration error: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`the API could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
