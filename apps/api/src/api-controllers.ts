import type { Type } from '@nestjs/common';
import { HealthController } from './observability/health.controller';
import { MetricsController } from './observability/metrics.controller';

/** Every controller of the API, by capability. */
export const API_CONTROLLERS: Type[] = [HealthController, MetricsController];
