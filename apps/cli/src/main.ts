#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@vinhdanh/config';
import type { RegisterCommand } from './cli-command';
import { register as demo } from './commands/demo.command';
import { register as exportBundle } from './commands/export.command';
import { register as jobs } from './commands/jobs.command';
import { register as rebuild } from './commands/rebuild.command';
import { register as serve } from './commands/serve.command';
import { register as token } from './commands/token.command';
import { register as verifyBundle } from './commands/verify.command';
import { register as verifyEntry } from './commands/verify-entry.command';

// Each verb lives in ./commands/<verb>.command.ts and exports `register`.
const verbs: RegisterCommand[] = [exportBundle, verifyBundle, verifyEntry, jobs, serve, token, rebuild, demo];

export function buildProgram(): Command {
  const program = new Command('vinhdanh')
    .description('Vinh Danh: open, verifiable award nominations (thi đua khen thưởng)')
    .showHelpAfterError();
  for (const register of verbs) register(program);
  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
      process.stderr.write(`vinhdanh: ${message}\n`);
      process.exit(1);
    });
}
