import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactSecrets } from '../observability/redact';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { toProblem } from './problem-mapping';

/**
 * The one place errors become responses: RFC 9457 problem+json, a stable code, the
 * correlation id, and never a stack trace. Unexpected errors are logged with their stack and
 * the request body with any ballot choice redacted.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, serverFault } = toProblem(error);
    problem.instance = request.url;
    problem.correlationId = String(request.id);
    if (serverFault) {
      this.logger.error(
        { err: error, correlationId: request.id, method: request.method, url: request.url, body: redactSecrets(request.body) },
        'request failed',
      );
    }
    if (reply.sent) return;
    reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(problem));
  }
}
