import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKey } from './master-key';
import { loadOrCreateMasterKey } from './master-key.file';
import { InvalidMasterKey } from './personal-data.errors';

describe('loadOrCreateMasterKey (embedded mode)', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'master-key-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates <dataDir>/master.key readable by its owner only, and loads the same key afterwards', async () => {
    const dataDir = join(root, 'data');
    const created = await loadOrCreateMasterKey(dataDir);
    const path = join(dataDir, 'master.key');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(MasterKey.fromBase64(await readFile(path, 'utf8')).keyId).toBe(created.keyId);
    expect((await loadOrCreateMasterKey(dataDir)).keyId).toBe(created.keyId);
    expect(await readdir(dataDir)).toEqual(['master.key']);
  });

  it('processes starting together agree on one key', async () => {
    const keys = await Promise.all(Array.from({ length: 10 }, () => loadOrCreateMasterKey(root)));
    expect(new Set(keys.map((key) => key.keyId)).size).toBe(1);
    expect(await readdir(root)).toEqual(['master.key']);
  });

  it('refuses a key file other users can read', async () => {
    await loadOrCreateMasterKey(root);
    await chmod(join(root, 'master.key'), 0o644);
    await expect(loadOrCreateMasterKey(root)).rejects.toThrow(/accessible to other users \(mode 644\); run chmod 600/);
  });

  it('refuses a key file that does not hold a valid key, naming the file', async () => {
    await writeFile(join(root, 'master.key'), 'bm90IGEga2V5\n', { mode: 0o600 });
    const error: unknown = await loadOrCreateMasterKey(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidMasterKey);
    expect((error as Error).message).toContain(join(root, 'master.key'));
  });
});
