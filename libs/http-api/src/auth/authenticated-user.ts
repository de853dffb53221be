import { Actor, UserRole } from '@app/domain';

/** The person behind a request, as the verified token says: never taken from the request body. */
export interface AuthenticatedUser {
  userId: string;
  username: string;
  agencyId: string;
  roles: UserRole[];
}

export const actorOf = (user: AuthenticatedUser): Actor => ({ userId: user.userId, agencyId: user.agencyId, roles: user.roles });

/**
 * An auditor or administrator: oversees the referrals and agreements of the region their agency is
 * in, rather than taking part in them (where that region is checked is up to each route).
 */
export const isOverseer = (user: Pick<AuthenticatedUser, 'roles'>): boolean => user.roles.includes('AUDITOR') || user.roles.includes('ADMIN');

/** What authentication needs of the directory; the directory library provides it. */
export interface CredentialsVerifier {
  /** The user with these credentials, or null for an unknown user, a wrong password or a disabled account. */
  verifyCredentials(username: string, password: string): Promise<AuthenticatedUser | null>;
}

export const CREDENTIALS_VERIFIER = Symbol('CREDENTIALS_VERIFIER');
