import type { Command } from 'commander';

/**
 * One file per CLI verb under ./commands, each exporting `register`. main.ts lists them, so
 * `vinhdanh --help` is the whole map of what the CLI can do.
 */
export type RegisterCommand = (program: Command) => void;

/** Failures print one clear line and exit non-zero; a stack trace helps nobody at a terminal. */
export function fail(message: string, exitCode = 1): never {
  process.stderr.write(`vinhdanh: ${message}\n`);
  process.exit(exitCode);
}
