/**
 * The API and the worker as libraries: the one place the CLI reaches into the other apps (apps
 * have no path alias; each is also a process of its own).
 */
// eslint-disable-next-line no-restricted-imports -- apps have no alias; this file is the one crossing
export { ApiMetrics, bootstrapApi, mintToken, type Clock } from '../../../api/src';
// eslint-disable-next-line no-restricted-imports -- see above
export { Public, Roles } from '../../../api/src/auth/access.decorators';
// eslint-disable-next-line no-restricted-imports -- see above
export { startWorker, type RunningWorker } from '../../../worker/src/start-worker';
// eslint-disable-next-line no-restricted-imports -- see above
export { ensureRedis, redisAnswers, RedisUnavailable, type EnsuredRedis } from '../../../worker/src/redis/ensure-redis';
// eslint-disable-next-line no-restricted-imports -- see above
export { createJobsModule } from '../../../worker/src/jobs/jobs.module';
// eslint-disable-next-line no-restricted-imports -- see above
export { loadWorkerConfig } from '../../../worker/src/worker-config';
