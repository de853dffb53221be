import { randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

export interface PasswordHashOptions {
  /** KiB. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * OWASP's first argon2id configuration (19 MiB, 2 passes, 1 lane): the RFC 9106 default of 64 MiB
 * per login would let a burst of logins exhaust a small server's memory.
 */
export const DEFAULT_PASSWORD_HASH_OPTIONS: PasswordHashOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly options: PasswordHashOptions = DEFAULT_PASSWORD_HASH_OPTIONS) {}

  /** A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a fresh random salt. */
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.options });
  }

  /** False, never an exception, for a wrong password or a hash that is not argon2 at all. */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time a real verification would, for a username that does not exist, so that the
   * answer's timing does not tell which usernames do. Always false.
   */
  async verifyNobody(password: string): Promise<false> {
    this.dummy ??= this.hash(randomBytes(32).toString('base64'));
    await this.verify(await this.dummy, password);
    return false;
  }

  /** True when the hash was made with other parameters than today's: rehash it at the next login. */
  needsRehash(hash: string): boolean {
    try {
      return !hash.startsWith('$argon2id$') || argon2.needsRehash(hash, this.options);
    } catch {
      return true;
    }
  }
}
