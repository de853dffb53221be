import { ValidationFailed, NotPermitted, InconsistentContext } from '@app/domain';
import { WrongExpectedRevision } from '@app/event-store';
import { SERVICE_ERROR_STATUS, toServiceError } from './service-error';

describe('toServiceError', () => {
  it('keeps the code, reason, message and details of errors a user can cause', () => {
    const error = new ValidationFailed('invalid-submission', 'bad input', { problems: ['urgency'] });
    expect(toServiceError(error)).toEqual({
      code: 'VALIDATION_FAILED',
      reason: 'invalid-submission',
      message: 'bad input',
      details: { problems: ['urgency'] },
    });
    expect(toServiceError(new NotPermitted('not-recipient', 'no')).code).toBe('NOT_PERMITTED');
    expect(toServiceError(new WrongExpectedRevision('s', 1, 2)).code).toBe('WRONG_EXPECTED_REVISION');
  });

  it('hides the message of internal errors and of errors without a known code', () => {
    expect(toServiceError(new InconsistentContext('x', 'secret wiring detail'))).toEqual({
      code: 'INTERNAL',
      message: 'The service could not complete the request',
    });
    expect(toServiceError(new Error('connection refused to 10.0.0.5'))).toEqual({
      code: 'INTERNAL',
      message: 'The service could not complete the request',
    });
    expect(toServiceError({ code: 'ECONNRESET', message: 'x' }).code).toBe('INTERNAL');
  });

  it('maps every code to an HTTP status', () => {
    expect(SERVICE_ERROR_STATUS.STALE_VERSION).toBe(412);
    expect(SERVICE_ERROR_STATUS.ILLEGAL_TRANSITION).toBe(409);
    expect(SERVICE_ERROR_STATUS.NOT_FOUND).toBe(404);
  });
});
