import type { NextFunction, Request, Response } from 'express';
import { httpRequestDuration } from './metrics';

/** The matched route's template; requests no route matched share one label. */
function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}

/** Times every HTTP request from arrival to the last byte of its response. */
export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  response.once('finish', () => end({ method: request.method, route: routeOf(request), status: String(response.statusCode) }));
  next();
}
