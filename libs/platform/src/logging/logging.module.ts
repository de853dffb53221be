import type { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { Logger, LoggerModule, PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import pino from 'pino';
import { PlatformConfig } from '../config/platform-config';
import { correlationIdOf } from './correlation-id';

/** Never written to a log: credentials, and bodies (they carry personal data). */
const REDACTED = ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.headers["set-cookie"]'];

/**
 * Structured logs: one JSON line per entry on stdout, at LOG_LEVEL, one line per HTTP request with
 * its correlation id, and Nest's own logs through the same logger (see `useStructuredLogs`).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: PlatformConfig, app: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              base: { app },
              timestamp: pino.stdTimeFunctions.isoTime,
              formatters: { level: (label) => ({ level: label }) },
              redact: { paths: REDACTED, censor: '[redacted]' },
              genReqId: (request: IncomingMessage, response: ServerResponse) => correlationIdOf(request, response),
              customProps: (request: IncomingMessage) => ({ correlationId: correlationIdOf(request) }),
              customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
              // Method and path only: no headers (Authorization), no body, no query beyond the URL.
              serializers: {
                req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
                res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
              },
            },
            process.stdout,
          ],
        }),
      ],
    };
  }
}

/** Nest's own logs (start-up, errors) through pino, including what was logged while the app was being built. */
export function useStructuredLogs(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
}

/**
 * Runs a piece of work outside an HTTP request (a message from the transport) with every log line
 * it writes carrying the correlation id of the request that caused it.
 */
export function withCorrelationId<T>(correlationId: string, work: () => Promise<T>): Promise<T> {
  const current = storage.getStore()?.logger;
  if (current?.bindings().correlationId === correlationId) return work();
  const root = PinoLogger.root as pino.Logger | undefined;
  if (!root) return work();
  return storage.run(new Store(root.child({ correlationId })), work);
}
