import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from './migrations';
import { PgliteSqlClient } from './pglite-sql-client';
import { describeSqlClientContract } from './testing/sql-client.contract';

describeSqlClientContract('PGlite in memory', async () => {
  const sql = await PgliteSqlClient.open();
  return { sql, dispose: () => sql.close() };
});

describe('PGlite in a data directory', () => {
  it('keeps data and applied migrations across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-'));
    try {
      const migrations = [{ version: 1, name: 'table', sql: 'CREATE TABLE kept (n integer);' }];
      const first = await PgliteSqlClient.open(dir);
      expect(await migrate(first, 'kept', migrations)).toEqual([1]);
      await first.query('INSERT INTO kept VALUES (42)');
      await first.close();

      const second = await PgliteSqlClient.open(dir);
      expect(await migrate(second, 'kept', migrations)).toEqual([]);
      expect((await second.query<{ n: number }>('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
