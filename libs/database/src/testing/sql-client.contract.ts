import { migrate, Migration } from '../migrations';
import { SqlClient } from '../sql-client';

/** What the event store and the read models rely on, the same on a PostgreSQL server and on PGlite. */
export function describeSqlClientContract(name: string, open: () => Promise<{ sql: SqlClient; dispose(): Promise<void> }>): void {
  describe(`SqlClient: ${name}`, () => {
    let sql: SqlClient;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ sql, dispose } = await open());
    });

    afterAll(async () => dispose());

    it('counts rows the same way for SELECT, INSERT and UPDATE', async () => {
      await sql.exec('CREATE TABLE counted (n integer); INSERT INTO counted VALUES (1), (2), (3);');
      expect((await sql.query('SELECT n FROM counted')).rowCount).toBe(3);
      expect((await sql.query('INSERT INTO counted VALUES (4), (5)')).rowCount).toBe(2);
      expect((await sql.query('UPDATE counted SET n = n + 1 WHERE n > 3')).rowCount).toBe(2);
      expect((await sql.query('SELECT n FROM counted WHERE n > 100')).rowCount).toBe(0);
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      await sql.exec('CREATE TABLE tx_probe (n integer)');
      await sql.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (1)');
      });
      await expect(
        sql.transaction(async (tx) => {
          await tx.query('INSERT INTO tx_probe VALUES (2)');
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect((await sql.query<{ n: number }>('SELECT n FROM tx_probe')).rows).toEqual([{ n: 1 }]);
    });

    it('applies each migration once, in version order, however often it runs', async () => {
      const migrations: Migration[] = [
        { version: 2, name: 'second', sql: 'INSERT INTO migrated VALUES (2);' },
        { version: 1, name: 'first', sql: 'CREATE TABLE migrated (n integer); INSERT INTO migrated VALUES (1);' },
      ];
      expect(await migrate(sql, 'probe', migrations)).toEqual([1, 2]);
      expect(await migrate(sql, 'probe', migrations)).toEqual([]);
      expect((await sql.query<{ n: number }>('SELECT n FROM migrated ORDER BY n')).rows).toEqual([{ n: 1 }, { n: 2 }]);
    });

    it('a failing migration leaves nothing behind and is retried next time', async () => {
      const broken: Migration[] = [{ version: 1, name: 'broken', sql: 'CREATE TABLE half_done (n integer); SELECT no_such_function();' }];
      await expect(migrate(sql, 'broken', broken)).rejects.toThrow();
      expect((await sql.query("SELECT to_regclass('half_done') AS t")).rows).toEqual([{ t: null }]);
    });

    it('delivers notifications to a listener', async () => {
      const payloads: string[] = [];
      const stop = await sql.listen('probe_channel', (payload) => payloads.push(payload));
      await sql.query("SELECT pg_notify('probe_channel', 'hello')");
      const deadline = Date.now() + 5000;
      while (payloads.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await stop();
      expect(payloads).toEqual(['hello']);
    });
  });
}
