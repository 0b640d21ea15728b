export * from './bootstrap-api';
export * from './app.module';
export * from './auth/mint-token';
export * from './observability/metrics';
export { CLOCK, systemClock, type Clock } from './commands/clock';
export { API_METRICS } from './tokens';
export { ProblemException, type ProblemDetails } from './errors/problem';
