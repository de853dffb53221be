import { randomUUID } from 'node:crypto';
import { constraintOf, sqlStateOf } from '@app/database';
import { Actor } from '@app/domain';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AgencyAlreadyExists, AgencyNotFound, InvalidDirectoryInput, UserAlreadyExists, UsernameTaken } from './directory.errors';
import { Agency, DirectoryUser, NewAgency, NewUser } from './directory.types';
import {
  MAX_PASSWORD_LENGTH,
  normaliseUsername,
  validateDisplayName,
  validateNewAgency,
  validatePassword,
  validateRoles,
  validateUsername,
} from './directory.validation';
import { AgencyEntity } from './entities/agency.entity';
import { UserEntity } from './entities/user.entity';
import { PasswordHasher } from './password-hasher';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Agencies and the people who act for them. A plain class: Nest wiring is in DirectoryModule. */
export class DirectoryService {
  private readonly agencies: Repository<AgencyEntity>;
  private readonly users: Repository<UserEntity>;

  constructor(
    dataSource: DataSource,
    private readonly hasher: PasswordHasher = new PasswordHasher(),
  ) {
    this.agencies = dataSource.getRepository(AgencyEntity);
    this.users = dataSource.getRepository(UserEntity);
  }

  /**
   * The user, with agency and roles, when the password is theirs and the account is active; null
   * otherwise, without saying why. Unknown usernames cost an argon2 verification too, so timing
   * does not reveal which usernames exist. A successful login records its time and upgrades a hash
   * made with older parameters.
   */
  async verifyCredentials(username: string, password: string): Promise<DirectoryUser | null> {
    if (typeof username !== 'string' || typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) return null;
    const row = await this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .innerJoinAndSelect('user.agency', 'agency')
      .where('user.username = :username', { username: normaliseUsername(username) })
      .getOne();
    if (!row) {
      await this.hasher.verifyNobody(password);
      return null;
    }
    const valid = await this.hasher.verify(row.passwordHash, password);
    if (!valid || !row.active) return null;

    const changes: QueryDeepPartialEntity<UserEntity> = { lastLoginAt: () => 'now()' };
    if (this.hasher.needsRehash(row.passwordHash)) changes.passwordHash = await this.hasher.hash(password);
    const updated = await this.users
      .createQueryBuilder()
      .update(UserEntity)
      .set(changes)
      .where('id = :id', { id: row.id })
      .returning('last_login_at')
      .execute();
    const lastLoginAt = (updated.raw as { last_login_at: Date }[])[0]?.last_login_at ?? null;
    return toUser({ ...row, lastLoginAt });
  }

  async findUser(id: string): Promise<DirectoryUser | null> {
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    const row = await this.users.findOne({ where: { id }, relations: { agency: true } });
    return row ? toUser(row) : null;
  }

  async findUserByUsername(username: string): Promise<DirectoryUser | null> {
    if (typeof username !== 'string') return null;
    const row = await this.users.findOne({ where: { username: normaliseUsername(username) }, relations: { agency: true } });
    return row ? toUser(row) : null;
  }

  async listUsers(filter: { agencyId?: string } = {}): Promise<DirectoryUser[]> {
    const rows = await this.users.find({
      where: filter.agencyId === undefined ? {} : { agencyId: filter.agencyId },
      relations: { agency: true },
      order: { username: 'ASC' },
    });
    return rows.map(toUser);
  }

  async findAgency(id: string): Promise<Agency | null> {
    if (typeof id !== 'string') return null;
    const row = await this.agencies.findOneBy({ id });
    return row ? toAgency(row) : null;
  }

  async listAgencies(): Promise<Agency[]> {
    return (await this.agencies.find({ order: { id: 'ASC' } })).map(toAgency);
  }

  async createAgency(input: NewAgency): Promise<Agency> {
    const agency = validateNewAgency(input);
    try {
      await this.agencies.insert({
        id: agency.id,
        name: agency.name,
        kind: agency.kind,
        region: agency.territory.region,
        province: agency.territory.province,
        municipalities: agency.territory.municipalities,
        services: agency.services,
      });
    } catch (error) {
      if (sqlStateOf(error) === UNIQUE_VIOLATION) throw new AgencyAlreadyExists(agency.id);
      throw error;
    }
    return (await this.findAgency(agency.id))!;
  }

  async createUser(input: NewUser): Promise<DirectoryUser> {
    const username = validateUsername(input.username);
    const displayName = validateDisplayName(input.displayName);
    const password = validatePassword(input.password);
    const roles = validateRoles(input.roles);
    if (input.id !== undefined && !UUID.test(input.id)) throw new InvalidDirectoryInput('invalid-user-id', 'A user id is a UUID', { id: input.id });
    if (typeof input.agencyId !== 'string' || input.agencyId === '') throw new AgencyNotFound(String(input.agencyId));

    const id = input.id?.toLowerCase() ?? randomUUID();
    const passwordHash = await this.hasher.hash(password);
    try {
      await this.users.insert({ id, username, displayName, passwordHash, agencyId: input.agencyId, roles, active: input.active ?? true, lastLoginAt: null });
    } catch (error) {
      const constraint = constraintOf(error);
      if (sqlStateOf(error) === UNIQUE_VIOLATION && constraint === 'directory_users_username_key') throw new UsernameTaken(username);
      if (sqlStateOf(error) === UNIQUE_VIOLATION) throw new UserAlreadyExists(id);
      if (sqlStateOf(error) === FOREIGN_KEY_VIOLATION) throw new AgencyNotFound(input.agencyId);
      throw withoutParameters(error);
    }
    return (await this.findUser(id))!;
  }
}

/** What the domain needs to decide what this user may do. */
export function actorOf(user: Pick<DirectoryUser, 'id' | 'agency' | 'roles'>): Actor {
  return { userId: user.id, agencyId: user.agency.id, roles: [...user.roles] };
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

function toAgency(row: AgencyEntity): Agency {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    territory: { region: row.region, province: row.province, municipalities: [...row.municipalities] },
    services: row.services.map((service) => ({ ...service })),
    createdAt: row.createdAt.toISOString(),
  };
}

function toUser(row: UserEntity): DirectoryUser {
  const agency = row.agency;
  if (!agency) throw new Error(`user ${row.id} was loaded without its agency`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    agency: { id: agency.id, name: agency.name, kind: agency.kind },
    roles: [...row.roles],
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt ? new Date(row.lastLoginAt).toISOString() : null,
  };
}

/** A failed insert's parameters hold a password hash: keep it out of whatever logs the error. */
function withoutParameters(error: unknown): unknown {
  if (error instanceof QueryFailedError) (error as { parameters?: unknown }).parameters = undefined;
  return error;
}
