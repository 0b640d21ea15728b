import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { defaultCatalog, type AwardCatalog } from '@vinhdanh/domain';
import { EVENT_STORE, type EventStore } from '@vinhdanh/event-store';
import type { SqlClient } from '@vinhdanh/sql';
import { BallotBoxStore } from './ballot-box/ballot-box.store';
import { AWARD_HISTORY, LogAwardHistory, type AwardHistory } from './kernel/award-history';
import { CommandRunner } from './kernel/command-runner';
import { SQL_CLIENT, WORKFLOW_OPTIONS, type WorkflowOptions } from './kernel/tokens';
import { PersonalDataStore } from './personal-data/personal-data.store';
import { COMMAND_HANDLERS } from './workflow-commands';

export interface WorkflowModuleOptions {
  store: EventStore;
  /** Where the ballot box and the personal-data table live (may be another database than the log). */
  sql: SqlClient;
  /** The catalog in force (validated by loadCatalog); default: the provincial default catalog. */
  catalog?: AwardCatalog;
  /** Where earlier titles come from; default: a scan of the log. */
  awardHistory?: AwardHistory;
  /** Attempts per command under write conflicts; default 5. */
  maxAttempts?: number;
}

export interface WorkflowModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: (string | symbol | (abstract new (...args: never[]) => unknown))[];
  useFactory: (...args: never[]) => WorkflowModuleOptions | Promise<WorkflowModuleOptions>;
}

const MODULE_OPTIONS = Symbol('WORKFLOW_MODULE_OPTIONS');

/**
 * Wiring only: the command handlers on @nestjs/cqrs's CommandBus, over the event store and the
 * SQL client it is given. Exports the CommandBus (through CqrsModule), the stores and the tokens.
 */
@Module({})
export class WorkflowModule {
  static register(options: WorkflowModuleOptions): DynamicModule {
    return WorkflowModule.registerAsync({ useFactory: () => options });
  }

  static registerAsync(options: WorkflowModuleAsyncOptions): DynamicModule {
    return {
      module: WorkflowModule,
      imports: [CqrsModule.forRoot(), ...(options.imports ?? [])],
      providers: [
        { provide: MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        { provide: EVENT_STORE, useFactory: (o: WorkflowModuleOptions) => o.store, inject: [MODULE_OPTIONS] },
        { provide: SQL_CLIENT, useFactory: (o: WorkflowModuleOptions) => o.sql, inject: [MODULE_OPTIONS] },
        {
          provide: WORKFLOW_OPTIONS,
          useFactory: (o: WorkflowModuleOptions): WorkflowOptions => ({ catalog: o.catalog ?? defaultCatalog(), maxAttempts: o.maxAttempts ?? 5 }),
          inject: [MODULE_OPTIONS],
        },
        {
          provide: AWARD_HISTORY,
          useFactory: (o: WorkflowModuleOptions) => o.awardHistory ?? new LogAwardHistory(o.store),
          inject: [MODULE_OPTIONS],
        },
        { provide: BallotBoxStore, useFactory: (sql: SqlClient) => BallotBoxStore.open(sql), inject: [SQL_CLIENT] },
        { provide: PersonalDataStore, useFactory: (sql: SqlClient) => PersonalDataStore.open(sql), inject: [SQL_CLIENT] },
        CommandRunner,
        ...COMMAND_HANDLERS,
      ],
      exports: [CqrsModule, EVENT_STORE, SQL_CLIENT, WORKFLOW_OPTIONS, BallotBoxStore, PersonalDataStore, CommandRunner],
    };
  }
}
