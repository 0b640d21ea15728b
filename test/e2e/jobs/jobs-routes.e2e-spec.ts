import { SetMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { UnrecoverableError, Worker } from 'bullmq';
import { FailedJobs, QUEUE_NAMES, openJobQueues, redisOptions, type JobQueues } from '@vinhdanh/jobs';
// eslint-disable-next-line no-restricted-imports -- the app has no alias; tests reach into it here only
import { createJobsModule } from '../../../apps/worker/src/jobs/jobs.module';
import { eventually } from './support/jobs-harness';
import { PrivateRedis } from './support/private-redis';

/** The routes an administrator uses, over real queues; the access decorator is whatever the host app passes. */
describe('GET /jobs/failed and POST /jobs/:id/retry', () => {
  const prefix = `vdroutes${process.pid}`;
  let redis: PrivateRedis;
  let queues: JobQueues;
  let worker: Worker;
  let app: NestFastifyApplication;
  let attempts = 0;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    queues = openJobQueues(redis.url, { prefix });
    // Fails its first run for good, succeeds when retried.
    worker = new Worker(
      QUEUE_NAMES.webhooks,
      async () => {
        attempts += 1;
        if (attempts === 1) throw new UnrecoverableError('the receiver answered HTTP 400');
        return 'sent';
      },
      { connection: redisOptions(redis.url, 'worker'), prefix },
    );
    const adminOnly = SetMetadata('vinhdanh:access', { public: false, roles: ['admin'] });
    app = await NestFactory.create<NestFastifyApplication>(createJobsModule(new FailedJobs(queues.queues), adminOnly), new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await worker?.close();
    await queues?.close();
    await redis?.kill();
  });

  it('lists a failed job, retries it, and refuses an unknown or unfailed one', async () => {
    const id = 'webhook.published.n-1.e-1';
    await queues.queues.webhooks.add('portal-publication', { target: 'portal', topic: 't', body: '{}' }, { jobId: id });
    await eventually(async () => (await queues.queues.webhooks.getJob(id))?.failedReason, 'the first run to fail');

    const listed = await app.inject({ method: 'GET', url: '/jobs/failed' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([expect.objectContaining({ queue: 'webhooks', id, name: 'portal-publication', failedReason: 'the receiver answered HTTP 400', attemptsMade: 1 })]);

    const retried = await app.inject({ method: 'POST', url: `/jobs/${encodeURIComponent(id)}/retry` });
    expect(retried.statusCode).toBe(202);
    expect(retried.json()).toEqual({ queue: 'webhooks', id });
    await eventually(async () => (await (await queues.queues.webhooks.getJob(id))?.getState()) === 'completed', 'the retried job to complete');
    expect((await app.inject({ method: 'GET', url: '/jobs/failed' })).json()).toEqual([]);

    expect((await app.inject({ method: 'POST', url: `/jobs/${encodeURIComponent(id)}/retry` })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/jobs/no-such-job/retry' })).statusCode).toBe(404);
  });

  it('puts the access rule the host app gives on both routes', () => {
    const module = createJobsModule(new FailedJobs(queues.queues), SetMetadata('vinhdanh:access', { public: false, roles: ['admin'] }));
    const controller = module.controllers![0] as unknown as { prototype: Record<string, object> };
    for (const route of ['failed', 'retry']) {
      expect(Reflect.getMetadata('vinhdanh:access', controller.prototype[route])).toEqual({ public: false, roles: ['admin'] });
    }
  });
});
