import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MasterKey } from './master-key';

export const MASTER_KEY_FILE = 'master.key';

/**
 * Embedded mode only: the master key in `<dataDir>/master.key`, created (mode 0600) on first start.
 * The distributed configuration requires `MASTER_KEY` instead, so that the key never lies next to
 * the database it protects. Here it does, which protects nothing against someone who copies the
 * whole data directory; it still keeps a database dump, or a copy of the database files alone, unreadable.
 *
 * Several processes may start on one data directory at once: the key is written to a file of its
 * own and then hard-linked into place, which fails if a key is already there, so the first key
 * wins and nobody ever reads a half-written file.
 */
export async function loadOrCreateMasterKey(dataDir: string): Promise<MasterKey> {
  const path = join(dataDir, MASTER_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return existing;

  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const candidate = MasterKey.generate();
  const temporary = join(dataDir, `.${MASTER_KEY_FILE}.${randomUUID()}`);
  await writeFile(temporary, `${candidate.exportBase64()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return candidate;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKeyFile(path);
    if (!winner) throw error;
    return winner;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function readKeyFile(path: string): Promise<MasterKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Like ssh with a private key: refuse a key file that other users can read rather than use it quietly.
  const { mode } = await stat(path);
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`${path} is accessible to other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`);
  }
  return MasterKey.fromBase64(text, path);
}
