import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ConcurrencyConflict, DomainRefusal } from '@vinhdanh/application';
import { refuse } from '@vinhdanh/domain';
import { WrongExpectedRevision } from '@vinhdanh/event-store';
import { toProblem } from './problem-mapping';

describe('toProblem', () => {
  it.each([
    ['ALREADY_VOTED', 409],
    ['NOMINATION_NOT_FOUND', 404],
    ['CONFLICT_OF_INTEREST', 403],
    ['INVALID_SCORES', 422],
  ] as const)('maps the domain refusal %s to %i and keeps its code', (code, status) => {
    const { problem, serverFault } = toProblem(new DomainRefusal(refuse(code, 'refused')));
    expect(problem).toMatchObject({ status, code, detail: 'refused' });
    expect(serverFault).toBe(false);
  });

  it('maps lost races to 409 CONCURRENCY_CONFLICT and rate limits to 429', () => {
    expect(toProblem(new ConcurrencyConflict('nomination-1', 5)).problem).toMatchObject({ status: 409, code: 'CONCURRENCY_CONFLICT' });
    expect(toProblem(new WrongExpectedRevision('s', 1, 2)).problem).toMatchObject({ status: 409, code: 'CONCURRENCY_CONFLICT' });
    expect(toProblem(new ThrottlerException()).problem).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('maps fastify\'s body errors by their code, and hides everything unexpected behind a bare 500', () => {
    const cause = Object.assign(new Error('Unexpected token'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
    expect(toProblem(new HttpException('bad', 400, { cause })).problem).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    const unexpected = toProblem(new TypeError('secret internals at /work/main/x.ts:1'));
    expect(unexpected.serverFault).toBe(true);
    expect(unexpected.problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(unexpected.problem)).not.toContain('internals');
  });
});
