import { INestApplication, Logger, LogLevel as NestLogLevel } from '@nestjs/common';
import { Transport } from '@nestjs/microservices';
import { ConfigurationError, loadPlatformConfig, LogLevel, PlatformConfig } from '../config/platform-config';
import { createValidationPipe, ProblemDetailsFilter } from '../http/problem-details.filter';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';

/** Reads the configuration or, when it is wrong, says what is wrong and exits without a stack trace. */
export function loadConfigOrExit(defaults: { port: number }): PlatformConfig {
  try {
    return loadPlatformConfig(process.env, defaults);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/**
 * Serves the app's message handlers over NATS. The queue group makes several instances of one
 * service share its requests instead of all answering each.
 */
export async function serveOverNats(app: INestApplication, config: PlatformConfig, queue: string): Promise<void> {
  app.connectMicroservice({ transport: Transport.NATS, options: { servers: [config.natsUrl!], queue } });
  await app.startAllMicroservices();
}

export function describeListening(app: INestApplication, name: string, config: PlatformConfig): void {
  const server = app.getHttpServer() as { address(): { port: number } | string | null };
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const storage = config.databaseUrl ? 'PostgreSQL server' : `embedded PostgreSQL in ${config.dataDir}`;
  new Logger(name).log(
    `${config.mode} mode on ${storage}, event store: ${config.eventStore}` +
      `${config.natsUrl ? `, transport: NATS ${config.natsUrl}` : ''}. Listening on http://localhost:${port} (health: /health)`,
  );
}

/** Nest's logger levels for LOG_LEVEL: each level includes the ones above it. */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  const order: Record<LogLevel, NestLogLevel[]> = {
    error: ['fatal', 'error'],
    warn: ['fatal', 'error', 'warn'],
    info: ['fatal', 'error', 'warn', 'log'],
    debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  };
  return order[level];
}

/** What the gateway's HTTP API needs: request timing, shape validation of every request, and errors as problem details. */
export function configureHttp(app: INestApplication): void {
  app.use(httpMetricsMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
}
