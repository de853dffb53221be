import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, Logger, ValidationError, ValidationPipe } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isServiceErrorPayload, SERVICE_ERROR_STATUS, toServiceError } from '../errors/service-error';

/** One field that failed validation, by its path in the body (`subject.birthYear`). */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/** RFC 9457 problem details, with the platform's stable `code` and, for validation, every field at once. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  reason?: string;
  errors?: FieldProblem[];
  details?: Record<string, unknown>;
}

export class RequestValidationFailed extends BadRequestException {
  constructor(readonly fields: FieldProblem[]) {
    super('The request is not valid');
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Shape checks for every body and query: unknown fields are errors, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new RequestValidationFailed(flatten(errors)),
  });
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  500: 'Internal Server Error',
};

const slug = (code: string) => code.toLowerCase().replace(/_/g, '-');

/** Every error leaves the HTTP API as application/problem+json; nothing a user does yields a bare 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : JSON.stringify(exception));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, instance: string): ProblemDetails {
    if (exception instanceof RequestValidationFailed) {
      return { ...base(400, 'VALIDATION_FAILED', instance), detail: 'The request is not valid', errors: exception.fields };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const bodyMessage = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const message = typeof bodyMessage === 'string' ? bodyMessage : exception.message;
      const code = status === 404 ? 'NOT_FOUND' : status === 401 ? 'UNAUTHENTICATED' : status >= 500 ? 'INTERNAL' : `HTTP_${status}`;
      return { ...base(status, code, instance), detail: status >= 500 ? 'Internal error' : message };
    }
    // Body-parser errors (malformed JSON, too large) carry an HTTP status of their own.
    const parserStatus = (exception as { status?: unknown; type?: unknown } | null)?.status;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500 && typeof (exception as { type?: unknown }).type === 'string') {
      return { ...base(parserStatus, parserStatus === 400 ? 'MALFORMED_REQUEST' : `HTTP_${parserStatus}`, instance), detail: (exception as Error).message };
    }
    const error = isServiceErrorPayload(exception) ? exception : toServiceError(exception);
    const status = SERVICE_ERROR_STATUS[error.code];
    return {
      ...base(status, error.code, instance),
      detail: status >= 500 ? 'Internal error' : error.message,
      ...(error.reason ? { reason: error.reason } : {}),
      ...(error.details && status < 500 ? { details: error.details } : {}),
    };
  }
}

function base(status: number, code: string, instance: string): Omit<ProblemDetails, 'detail'> {
  return { type: `/problems/${slug(code)}`, title: TITLES[status] ?? 'Error', status, instance, code };
}
