import { DataSource } from 'typeorm';
import { runDirectoryMigrations } from '../database/directory-data-source';
import { DEMO_AGENCIES } from '../demo/demo-agencies';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-users';
import { seedDemoDirectory } from '../demo/seed-demo-directory';
import { AgencyAlreadyExists, AgencyNotFound, InvalidDirectoryInput, UsernameTaken } from '../directory.errors';
import { DirectoryService } from '../directory.service';
import { PasswordHasher } from '../password-hasher';
import { DirectoryTarget } from './directory-targets';

const MIGRATION = 'CreateDirectory1795498708971';

/** The cost parameters of a PHC string, whatever their order. */
const costOf = (hash: string) => Object.fromEntries(hash.split('$')[3].split(',').map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])]));

/** What the directory promises on every engine it runs on: PGlite and the PostgreSQL server. */
export function describeDirectoryContract(name: string, openTarget: () => Promise<DirectoryTarget>): void {
  describe(`directory: ${name}`, () => {
    let target: DirectoryTarget;
    let dataSource: DataSource;
    let directory: DirectoryService;
    let firstMigrationRun: string[];

    const table = (sql: string) => dataSource.query<Record<string, unknown>[]>(sql);
    const snapshot = async () => ({
      agencies: await table('SELECT * FROM directory_agencies ORDER BY id'),
      users: await table('SELECT * FROM directory_users ORDER BY id'),
    });

    beforeAll(async () => {
      target = await openTarget();
      dataSource = target.dataSource;
      firstMigrationRun = await runDirectoryMigrations(dataSource);
      directory = new DirectoryService(dataSource);
    });

    afterAll(async () => target?.dispose());

    it('migrations create the tables, and running them again does nothing', async () => {
      expect(firstMigrationRun).toEqual([MIGRATION]);
      const tables = await table(
        "SELECT to_regclass('directory_agencies') IS NOT NULL AS agencies, to_regclass('directory_users') IS NOT NULL AS users",
      );
      expect(tables).toEqual([{ agencies: true, users: true }]);
      expect(await runDirectoryMigrations(dataSource)).toEqual([]);
      expect(await table('SELECT name FROM directory_migrations')).toEqual([{ name: MIGRATION }]);
    });

    it('concurrent starters apply each migration once', async () => {
      await dataSource.undoLastMigration({ transaction: 'all' });
      const others = await Promise.all([target.openAnother(), target.openAnother()]);
      const runs = await Promise.all([dataSource, ...others].map((source) => runDirectoryMigrations(source)));
      expect(runs.flat()).toEqual([MIGRATION]);
      expect(await table('SELECT name FROM directory_migrations')).toEqual([{ name: MIGRATION }]);
    });

    it('seeding creates the demo directory, and seeding again changes nothing', async () => {
      const first = await seedDemoDirectory(directory);
      expect(first.agenciesCreated.sort()).toEqual(DEMO_AGENCIES.map((agency) => agency.id).sort());
      expect(first.usersCreated.sort()).toEqual(DEMO_USERS.map((user) => user.username).sort());
      const before = await snapshot();

      expect(await seedDemoDirectory(directory)).toEqual({ agenciesCreated: [], usersCreated: [] });
      expect(await snapshot()).toEqual(before);
      expect(before.agencies).toHaveLength(DEMO_AGENCIES.length);
      expect(before.users).toHaveLength(DEMO_USERS.length);
    });

    it('keeps agencies with their territory and services', async () => {
      expect(await directory.findAgency('ceis-lucca')).toMatchObject({
        id: 'ceis-lucca',
        kind: 'NGO',
        territory: { region: 'Toscana', province: 'LU', municipalities: [] },
        services: expect.arrayContaining([{ kind: 'shelter', name: 'Accoglienza in emergenza', capacity: 6 }]),
      });
      expect(await directory.findAgency('comune-viareggio')).toMatchObject({ territory: { province: 'LU', municipalities: ['Viareggio'] } });
      expect(await directory.findAgency('numero-verde-nazionale')).toMatchObject({ territory: { region: null, province: null } });
      expect(await directory.findAgency('nowhere')).toBeNull();
      expect((await directory.listAgencies()).map((agency) => agency.id).sort()).toEqual(DEMO_AGENCIES.map((agency) => agency.id).sort());
    });

    it('accepts the demo password for every demo account, with its agency and roles', async () => {
      for (const demo of DEMO_USERS) {
        const user = await directory.verifyCredentials(demo.username, DEMO_PASSWORD);
        expect(user).toMatchObject({ id: demo.id, username: demo.username, agency: { id: demo.agencyId }, roles: [...demo.roles], active: true });
        expect(user?.lastLoginAt).not.toBeNull();
      }
      expect(await directory.verifyCredentials('  Liaison.Questura.Lucca ', DEMO_PASSWORD)).toMatchObject({ username: 'liaison.questura.lucca' });
    });

    it('rejects wrong passwords and unknown users alike', async () => {
      expect(await directory.verifyCredentials('liaison.questura.lucca', 'Demo')).toBeNull();
      expect(await directory.verifyCredentials('liaison.questura.lucca', '')).toBeNull();
      expect(await directory.verifyCredentials('nobody.at.all', DEMO_PASSWORD)).toBeNull();
      expect(await directory.verifyCredentials('', DEMO_PASSWORD)).toBeNull();
      expect(await directory.verifyCredentials('liaison.questura.lucca', 'x'.repeat(5000))).toBeNull();
    });

    it('stores an argon2id hash, never the password, and the database refuses anything else', async () => {
      const rows = await table('SELECT username, password_hash FROM directory_users');
      const hashes = new Set(rows.map((row) => row.password_hash as string));
      expect(hashes.size).toBe(rows.length);
      for (const hash of hashes) {
        expect(hash).toMatch(/^\$argon2id\$v=19\$[mtp=\d,]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
        expect(costOf(hash)).toEqual({ m: 19456, t: 2, p: 1 });
        expect(hash).not.toContain(DEMO_PASSWORD);
      }
      const user = await directory.findUserByUsername('liaison.questura.lucca');
      expect(user).not.toHaveProperty('passwordHash');
      await expect(
        dataSource.query(
          "INSERT INTO directory_users (username, display_name, password_hash, agency_id, roles) VALUES ('plain.text', 'P', 'demo', 'questura-lucca', '{LIAISON}')",
        ),
      ).rejects.toMatchObject({ code: '23514', constraint: 'directory_users_password_argon2id' });
    });

    it('creates users with validated usernames and roles, and typed errors', async () => {
      const created = await directory.createUser({
        username: 'Liaison.Prefettura.Lucca',
        displayName: 'Funzionario di prova',
        password: 'a long passphrase',
        agencyId: 'prefettura-lucca',
        roles: ['LIAISON', 'COORDINATOR'],
      });
      expect(created).toMatchObject({ username: 'liaison.prefettura.lucca', agency: { id: 'prefettura-lucca', kind: 'PREFETTURA' }, roles: ['LIAISON', 'COORDINATOR'] });
      expect(await directory.findUser(created.id)).toEqual(created);
      expect(await directory.findUser('not-a-uuid')).toBeNull();
      expect(await directory.verifyCredentials('liaison.prefettura.lucca', 'a long passphrase')).toMatchObject({ id: created.id });

      const base = { displayName: 'X', password: 'secret', agencyId: 'questura-lucca', roles: ['LIAISON' as const] };
      await expect(directory.createUser({ ...base, username: 'LIAISON.questura.lucca' })).rejects.toBeInstanceOf(UsernameTaken);
      await expect(directory.createUser({ ...base, username: 'someone.new', agencyId: 'no-such-agency' })).rejects.toBeInstanceOf(AgencyNotFound);
      await expect(directory.createUser({ ...base, username: 'bad name' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', reason: 'invalid-username' });
      await expect(directory.createUser({ ...base, username: 'someone.new', roles: ['AUDITOR', 'LIAISON'] })).rejects.toMatchObject({
        reason: 'invalid-roles',
      });
      await expect(directory.createAgency(DEMO_AGENCIES[0])).rejects.toBeInstanceOf(AgencyAlreadyExists);
      await expect(directory.createAgency({ ...DEMO_AGENCIES[0], id: 'Bad Id' })).rejects.toBeInstanceOf(InvalidDirectoryInput);
      expect(await directory.findUserByUsername('someone.new')).toBeNull();
    });

    it('the database checks roles and usernames too', async () => {
      const insert = (username: string, roles: string) =>
        dataSource.query(
          `INSERT INTO directory_users (username, display_name, password_hash, agency_id, roles) VALUES ($1, 'X', '$argon2id$v=19$m=1,t=1,p=1$x$y', 'questura-lucca', $2)`,
          [username, roles],
        );
      await expect(insert('root.user', '{SUPERUSER}')).rejects.toMatchObject({ constraint: 'directory_users_roles_known' });
      await expect(insert('root.user', '{}')).rejects.toMatchObject({ constraint: 'directory_users_roles_known' });
      await expect(insert('Root.User', '{LIAISON}')).rejects.toMatchObject({ constraint: 'directory_users_username_format' });
    });

    it('refuses an inactive account even with the right password', async () => {
      await directory.createUser({ username: 'former.liaison', displayName: 'Ex', password: 'pw', agencyId: 'questura-lucca', roles: ['LIAISON'], active: false });
      expect(await directory.verifyCredentials('former.liaison', 'pw')).toBeNull();
    });

    it('upgrades a hash made with older parameters at the next login', async () => {
      const weak = new DirectoryService(dataSource, new PasswordHasher({ memoryCost: 4096, timeCost: 1, parallelism: 1 }));
      await weak.createUser({ username: 'old.hash', displayName: 'Old', password: 'pw', agencyId: 'questura-lucca', roles: ['LIAISON'] });
      const hashOf = async () => ((await table("SELECT password_hash FROM directory_users WHERE username = 'old.hash'"))[0].password_hash as string);
      expect(costOf(await hashOf())).toEqual({ m: 4096, t: 1, p: 1 });
      expect(await directory.verifyCredentials('old.hash', 'pw')).not.toBeNull();
      expect(costOf(await hashOf())).toEqual({ m: 19456, t: 2, p: 1 });
      expect(await directory.verifyCredentials('old.hash', 'pw')).not.toBeNull();
    });

    it('the migration goes down and comes back up', async () => {
      await dataSource.undoLastMigration({ transaction: 'all' });
      expect(await table("SELECT to_regclass('directory_users') IS NULL AS gone")).toEqual([{ gone: true }]);
      expect(await runDirectoryMigrations(dataSource)).toEqual([MIGRATION]);
      expect(await table('SELECT count(*)::int AS n FROM directory_users')).toEqual([{ n: 0 }]);
    });
  });
}
