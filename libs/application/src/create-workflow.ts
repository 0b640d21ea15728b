import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { BallotBoxStore } from './ballot-box/ballot-box.store';
import { CommandRunner } from './kernel/command-runner';
import { PersonalDataStore } from './personal-data/personal-data.store';
import { WorkflowModule, type WorkflowModuleOptions } from './workflow.module';

export interface Workflow {
  commandBus: CommandBus;
  runner: CommandRunner;
  ballotBox: BallotBoxStore;
  personalData: PersonalDataStore;
  /** Closes the Nest context; the store and SQL client stay the caller's to close. */
  close(): Promise<void>;
}

/**
 * The workflow without an HTTP app, for the CLI, the demo and tests: the same module, booted
 * as a bare application context, so there is one wiring, not two.
 */
export async function createWorkflow(options: WorkflowModuleOptions & { logger?: boolean }): Promise<Workflow> {
  const { logger, ...moduleOptions } = options;
  const context: INestApplicationContext = await NestFactory.createApplicationContext(WorkflowModule.register(moduleOptions), {
    logger: logger ? undefined : false,
  });
  return {
    commandBus: context.get(CommandBus),
    runner: context.get(CommandRunner),
    ballotBox: context.get(BallotBoxStore),
    personalData: context.get(PersonalDataStore),
    close: () => context.close(),
  };
}
