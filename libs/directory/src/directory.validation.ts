import { AGENCY_KINDS, isNonEmptyText, isOneOf, USER_ROLES, UserRole } from '@app/domain';
import { InvalidDirectoryInput } from './directory.errors';
import { AgencyService, AgencyTerritory, NewAgency, SERVICE_KINDS } from './directory.types';

/** Dot, dash or underscore between lowercase letters and digits: `liaison.questura.lucca`. */
const USERNAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const AGENCY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PROVINCE_CODE = /^[A-Z]{2}$/;
/** Argon2 takes any length; the cap keeps a login request from costing more than hashing a password. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Usernames are stored lowercase; people type them however they like. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function validateUsername(username: unknown): string {
  const normalised = typeof username === 'string' ? normaliseUsername(username) : '';
  if (normalised.length < 3 || normalised.length > 64 || !USERNAME.test(normalised)) {
    throw new InvalidDirectoryInput(
      'invalid-username',
      'A username has 3 to 64 letters, digits and single dots, dashes or underscores between them',
      { username },
    );
  }
  return normalised;
}

/**
 * At least one known role, each once. AUDITOR stands alone: an auditor reads and acts on nothing, and
 * a user who could also act would be auditing their own actions.
 */
export function validateRoles(roles: unknown): UserRole[] {
  const problems: string[] = [];
  if (!Array.isArray(roles) || roles.length === 0) {
    problems.push('a user needs at least one role');
  } else {
    for (const role of roles) if (!isOneOf(USER_ROLES, role)) problems.push(`unknown role "${String(role)}"`);
    if (new Set(roles).size !== roles.length) problems.push('a role appears twice');
    if (roles.includes('AUDITOR') && roles.length > 1) problems.push('AUDITOR cannot be combined with other roles');
  }
  if (problems.length > 0) {
    throw new InvalidDirectoryInput('invalid-roles', `Invalid roles: ${problems.join('; ')}`, { roles, problems });
  }
  // Stored in one canonical order, so that equal role sets compare equal.
  return USER_ROLES.filter((role) => (roles as unknown[]).includes(role));
}

export function validateDisplayName(displayName: unknown): string {
  if (!isNonEmptyText(displayName) || displayName.trim().length > 200) {
    throw new InvalidDirectoryInput('invalid-display-name', 'A display name has 1 to 200 characters', { displayName });
  }
  return displayName.trim();
}

export function validatePassword(password: unknown): string {
  if (typeof password !== 'string' || password.length === 0 || password.length > MAX_PASSWORD_LENGTH) {
    throw new InvalidDirectoryInput('invalid-password', `A password has 1 to ${MAX_PASSWORD_LENGTH} characters`);
  }
  return password;
}

/** Lists every problem at once, so that whoever fixes an agency's record fixes it in one go. */
export function validateNewAgency(input: NewAgency): { id: string; name: string; kind: NewAgency['kind']; territory: AgencyTerritory; services: AgencyService[] } {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(typeof input.id === 'string' && input.id.length <= 64 && AGENCY_ID.test(input.id), 'id must be a lowercase slug such as "questura-lucca"');
  check(isNonEmptyText(input.name) && input.name.trim().length <= 200, 'name must have 1 to 200 characters');
  check(isOneOf(AGENCY_KINDS, input.kind), `unknown agency kind "${String(input.kind)}"`);

  const region = input.territory?.region ?? null;
  const province = input.territory?.province ?? null;
  const municipalities = (input.territory?.municipalities ?? []).map((name) => (typeof name === 'string' ? name.trim() : name));
  check(region === null || isNonEmptyText(region), 'territory.region must be a name or null (national)');
  check(province === null || (typeof province === 'string' && PROVINCE_CODE.test(province)), 'territory.province must be a two-letter code such as "LU"');
  check(province === null || region !== null, 'a province lies in a region');
  check(municipalities.every(isNonEmptyText), 'territory.municipalities must be names');
  check(new Set(municipalities).size === municipalities.length, 'a municipality appears twice');
  check(municipalities.length === 0 || province !== null, 'municipalities lie in a province');

  const services = (input.services ?? []).map((service) => ({ ...service, name: service.name?.trim() }));
  for (const service of services) {
    check(isOneOf(SERVICE_KINDS, service.kind), `unknown service kind "${String(service.kind)}"`);
    check(isNonEmptyText(service.name), 'every service needs a name');
    const capacity = service.capacity;
    check(capacity === undefined || (Number.isInteger(capacity) && capacity >= 0), `${service.name}: capacity must be a whole number of places`);
    check(service.kind !== 'shelter' || capacity !== undefined, `${service.name}: a shelter needs its capacity`);
  }

  if (problems.length > 0) {
    throw new InvalidDirectoryInput('invalid-agency', `Invalid agency: ${problems.join('; ')}`, { problems });
  }
  return {
    id: input.id,
    name: input.name.trim(),
    kind: input.kind,
    territory: { region: region?.trim() ?? null, province, municipalities },
    services: services.map(({ kind, name, capacity }) => (capacity === undefined ? { kind, name } : { kind, name, capacity })),
  };
}
