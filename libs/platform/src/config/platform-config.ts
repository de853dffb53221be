import { resolve } from 'node:path';

export type EventStoreKind = 'postgres' | 'eventstoredb';
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/**
 * The whole configuration, read once from the environment at start-up. Embedded mode (no NATS_URL)
 * runs every app in one process; distributed mode runs each app alone and connects them over NATS.
 */
export interface PlatformConfig {
  mode: 'embedded' | 'distributed';
  port: number;
  /** PostgreSQL server; when absent, embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  eventStore: EventStoreKind;
  eventStoreUrl?: string;
  natsUrl?: string;
  production: boolean;
  logLevel: LogLevel;
  /** Demo agencies, users and agreements from the seed territories: embedded mode only, never in production. */
  demoData: boolean;
  /** Signs access tokens (the gateway); the embedded mode makes one in DATA_DIR when it is not set. */
  jwtSecret?: string;
  tokenLifetimeSeconds: number;
  /** Base64 of 32 bytes: wraps every subject's data key. The embedded mode makes one in DATA_DIR when it is not set. */
  masterKey?: string;
  /** Master keys being rotated out: they only unwrap the data keys they wrapped, until those are re-wrapped. */
  previousMasterKeys: string[];
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

export function loadPlatformConfig(env: NodeJS.ProcessEnv, defaults: { port: number }): PlatformConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };

  const portText = text('PORT');
  const port = portText === undefined ? defaults.port : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a TCP port number, got "${portText}"`);

  const eventStoreText = text('EVENT_STORE') ?? 'postgres';
  if (eventStoreText !== 'postgres' && eventStoreText !== 'eventstoredb') {
    problems.push(`EVENT_STORE must be "postgres" or "eventstoredb", got "${eventStoreText}"`);
  }
  const eventStore = eventStoreText as EventStoreKind;
  const eventStoreUrl = text('EVENTSTORE_URL');
  if (eventStore === 'eventstoredb' && !eventStoreUrl) {
    problems.push('EVENT_STORE=eventstoredb needs EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false)');
  }

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  const natsUrl = text('NATS_URL');
  if (natsUrl && !/^(nats|tls|wss?):\/\//.test(natsUrl)) problems.push('NATS_URL must be a nats:// URL');
  const production = env.NODE_ENV === 'production';
  const logLevel = (text('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  if (natsUrl && !databaseUrl) {
    problems.push('NATS_URL (distributed mode) needs DATABASE_URL: embedded PostgreSQL cannot be shared between processes');
  }

  const demoText = text('DEMO_DATA');
  if (demoText !== undefined && demoText !== 'true' && demoText !== 'false') problems.push(`DEMO_DATA must be "true" or "false", got "${demoText}"`);
  const demoData = demoText === undefined ? !natsUrl && !production : demoText === 'true';
  if (demoData && production) problems.push('DEMO_DATA cannot be on with NODE_ENV=production: demo accounts all share one password');

  const jwtSecret = text('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('JWT_SECRET must be at least 32 characters');
  const lifetimeText = text('TOKEN_LIFETIME_SECONDS');
  const tokenLifetimeSeconds = lifetimeText === undefined ? 8 * 3600 : Number(lifetimeText);
  if (!Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds < 60) {
    problems.push(`TOKEN_LIFETIME_SECONDS must be a whole number of seconds, at least 60, got "${lifetimeText}"`);
  }

  const masterKey = text('MASTER_KEY');
  const previousMasterKeys = (text('PREVIOUS_MASTER_KEYS') ?? '').split(',').map((key) => key.trim()).filter((key) => key.length > 0);

  if (problems.length > 0) throw new ConfigurationError(problems);
  return {
    mode: natsUrl ? 'distributed' : 'embedded',
    port,
    databaseUrl,
    dataDir: resolve(text('DATA_DIR') ?? './data'),
    eventStore,
    eventStoreUrl,
    natsUrl,
    production,
    logLevel,
    demoData,
    jwtSecret,
    tokenLifetimeSeconds,
    masterKey,
    previousMasterKeys,
  };
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
