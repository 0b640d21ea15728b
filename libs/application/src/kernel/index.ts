export * from './application-errors';
export * from './workflow-command';
export * from './workflow-result';
export * from './run-decider';
export * from './tokens';
export * from './award-history';
export * from './command-runner';
