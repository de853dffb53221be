import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/run-cli';

/** `npm run cli -- personal-data:rewrap` in the embedded mode (the server suite re-wraps for real). */
describe('personal-data:rewrap on embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antitratta-cli-rewrap-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', NATS_URL: '', MASTER_KEY: '' };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a DATA_DIR that holds no database, creating neither a database nor a master key there', async () => {
    const run = await runCli(['personal-data:rewrap'], env);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(`No embedded database in ${dataDir} (DATA_DIR)`);
    expect(readdirSync(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);
  }, 60_000);
});
