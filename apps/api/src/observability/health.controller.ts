import { Controller, Get, Inject, OnApplicationShutdown, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { EVENT_STORE, type EventStore } from '@vinhdanh/event-store';
import { Public } from '../auth/access.decorators';
import { PROJECTION_LAG, REDIS_PROBE } from '../tokens';
import type { ProjectionLagSource } from './metrics';
import type { RedisProbe } from './redis-probe';

@ApiTags('operations')
@Controller('health')
export class HealthController implements OnApplicationShutdown {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS_PROBE) private readonly redis: RedisProbe,
    @Inject(PROJECTION_LAG) private readonly projectionLag: ProjectionLagSource | null,
  ) {}

  @Get()
  @Public()
  @SkipThrottle({ public: true })
  @HealthCheck()
  @ApiOperation({ summary: 'Event store, Redis and projection lag; 503 with the same details when one is down' })
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.health.check([() => this.eventStore(), () => this.redisCheck(), () => this.projections()]);
    } catch (error) {
      // Terminus reports a failed check as an exception carrying the full result: keep it.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
    }
  }

  private async eventStore() {
    const indicator = this.indicators.check('eventStore');
    try {
      const head = await withTimeout(this.store.headPosition(), 2000);
      return indicator.up({ backend: this.store.backend, headPosition: head });
    } catch (error) {
      return indicator.down({ backend: this.store.backend, message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async redisCheck() {
    const indicator = this.indicators.check('redis');
    const result = await this.redis.ping();
    return result.ok ? indicator.up({ pingMs: result.ms }) : indicator.down({ message: result.reason });
  }

  private async projections() {
    const indicator = this.indicators.check('projections');
    if (!this.projectionLag) return indicator.up({ lag: null, message: 'no projection runner reports to this process' });
    try {
      const lag = await withTimeout(this.projectionLag(), 2000);
      return indicator.up({ lag, maxLag: Math.max(0, ...Object.values(lag)) });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.close();
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
