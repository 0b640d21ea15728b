import { ConflictException, Controller, Module, Get, HttpCode, Inject, NotFoundException, Param, Post, type DynamicModule, type Type } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JobNotFailed, JobNotFound, type FailedJob, type FailedJobs } from '@vinhdanh/jobs';

export const FAILED_JOBS = Symbol('FAILED_JOBS');

/**
 * GET /jobs/failed and POST /jobs/:id/retry. The API passes its own access decorator
 * (`Roles('admin')`), so its guard, its OpenAPI `x-access` and its role matrix see these routes
 * like every other; refusals are Nest HTTP exceptions its problem filter renders (404, 409).
 *
 *   imports: [createJobsModule(worker.failedJobs, Roles('admin'))]
 *   // or, in an API process without the worker:
 *   imports: [createJobsModule(new FailedJobs(openJobQueues(config.redisUrl).queues), Roles('admin'))]
 */
export function createJobsModule(failedJobs: FailedJobs, adminOnly: MethodDecorator): DynamicModule {
  @ApiTags('operations')
  @Controller('jobs')
  class JobsController {
    constructor(@Inject(FAILED_JOBS) readonly jobs: FailedJobs) {}

    @Get('failed')
    @ApiOperation({ summary: 'Jobs that failed after their last attempt (deadlines, reminders, webhooks), newest first' })
    failed(): Promise<FailedJob[]> {
      return this.jobs.list();
    }

    @Post(':id/retry')
    @HttpCode(202)
    @ApiOperation({ summary: 'Send a failed job back to run, its attempts counted afresh' })
    async retry(@Param('id') id: string): Promise<{ queue: string; id: string }> {
      try {
        return await this.jobs.retry(id);
      } catch (error) {
        if (error instanceof JobNotFound) throw new NotFoundException(`There is no job ${id}.`);
        if (error instanceof JobNotFailed) throw new ConflictException(`Job ${id} is ${error.state}; only a failed job is retried.`);
        throw error;
      }
    }
  }
  for (const method of ['failed', 'retry'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(JobsController.prototype, method)!;
    adminOnly(JobsController.prototype, method, descriptor);
  }
  return { module: JobsModule, controllers: [JobsController as Type], providers: [{ provide: FAILED_JOBS, useValue: failedJobs }] };
}

@Module({})
export class JobsModule {}
