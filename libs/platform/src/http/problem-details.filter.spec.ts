import { NotFoundException, UnauthorizedException } from '@nestjs/common';
import { IllegalTransition, NotPermitted } from '@app/domain';
import { ProblemDetailsFilter, RequestValidationFailed } from './problem-details.filter';

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  it('lists every invalid field of a request', () => {
    const problem = filter.toProblem(
      new RequestValidationFailed([
        { field: 'subject.birthYear', messages: ['birthYear must not be greater than 2026'] },
        { field: 'colour', messages: ['property colour should not exist'] },
      ]),
      '/api/v1/referrals',
    );
    expect(problem).toEqual({
      type: '/problems/validation-failed',
      title: 'Bad Request',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is not valid',
      instance: '/api/v1/referrals',
      errors: [
        { field: 'subject.birthYear', messages: ['birthYear must not be greater than 2026'] },
        { field: 'colour', messages: ['property colour should not exist'] },
      ],
    });
  });

  it('maps domain errors and service error payloads by their code', () => {
    expect(filter.toProblem(new IllegalTransition('already-acknowledged', 'no'), '/x')).toMatchObject({ status: 409, code: 'ILLEGAL_TRANSITION', reason: 'already-acknowledged' });
    expect(filter.toProblem(new NotPermitted('not-recipient', 'no'), '/x').status).toBe(403);
    expect(filter.toProblem({ code: 'STALE_VERSION', message: 'at 3, not 2' }, '/x')).toMatchObject({ status: 412, detail: 'at 3, not 2' });
  });

  it('answers 500 without details for anything unexpected', () => {
    expect(filter.toProblem(new Error('password authentication failed for user postgres'), '/x')).toEqual({
      type: '/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'INTERNAL',
      detail: 'Internal error',
      instance: '/x',
    });
  });

  it('keeps HTTP errors raised by guards and routing', () => {
    expect(filter.toProblem(new UnauthorizedException(), '/x')).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(filter.toProblem(new NotFoundException('Cannot GET /nope'), '/nope')).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('turns a malformed JSON body into a 400', () => {
    const parserError = Object.assign(new SyntaxError('Unexpected token } in JSON'), { status: 400, type: 'entity.parse.failed' });
    expect(filter.toProblem(parserError, '/x')).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });
});
