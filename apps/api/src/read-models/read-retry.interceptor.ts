import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable, catchError, from, switchMap, throwError } from 'rxjs';
import { ActiveVersions } from './active-versions';

/** PostgreSQL's undefined_table, or SQLite's "no such table". */
export function isMissingTable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '42P01' || (code === 'SQLITE_ERROR' && typeof message === 'string' && message.startsWith('no such table'));
}

/**
 * A read that ran on a remembered read-model version just as a rebuild dropped it finds its
 * table gone: the versions are re-read and the read runs once more. Only GET and HEAD, which
 * change nothing, are run again.
 */
@Injectable()
export class ReadRetryInterceptor implements NestInterceptor {
  constructor(private readonly versions: ActiveVersions) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.getType() === 'http' ? context.switchToHttp().getRequest<FastifyRequest>().method : undefined;
    if (!this.versions.enabled || (method !== 'GET' && method !== 'HEAD')) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) =>
        isMissingTable(error) ? from(this.versions.refresh()).pipe(switchMap(() => next.handle())) : throwError(() => error),
      ),
    );
  }
}
