import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError, PlatformConfig } from '@app/platform';

export interface AuthConfig {
  jwtSecret: string;
  issuer: string;
  tokenLifetimeSeconds: number;
}

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/**
 * JWT_SECRET signs access tokens. A deployment must set it (at least 32 characters); the embedded
 * platform makes one on first start and keeps it in DATA_DIR, so tokens survive a restart there.
 */
export function loadAuthConfig(config: PlatformConfig): AuthConfig {
  let jwtSecret = config.jwtSecret;
  if (!jwtSecret) {
    if (config.mode !== 'embedded' || config.production) {
      throw new ConfigurationError(['JWT_SECRET is required outside the embedded development mode (at least 32 characters)']);
    }
    const file = join(config.dataDir, 'jwt.secret');
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(48).toString('base64'), { mode: 0o600 });
    }
    jwtSecret = readFileSync(file, 'utf8').trim();
  }
  return { jwtSecret, issuer: 'antitratta-referrals', tokenLifetimeSeconds: config.tokenLifetimeSeconds };
}
