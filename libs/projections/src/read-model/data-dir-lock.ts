import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'platform.pid';

/**
 * Embedded PostgreSQL lives in DATA_DIR and only one process may open it: a second PGlite on the same
 * files corrupts them. The process that opens it (the platform, or the operator CLI) writes its pid
 * here; anyone else finding a live pid refuses to start. A pid left behind by a killed process is
 * stale and taken over.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  /** The pid of the live process holding `dataDir`, other than this one; null when nobody holds it. */
  static holder(dataDir: string): number | null {
    let pid: number;
    try {
      pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
    } catch {
      return null;
    }
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
    return isAlive(pid) ? pid : null;
  }

  static acquire(dataDir: string): DataDirLock {
    const holder = DataDirLock.holder(dataDir);
    if (holder !== null) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}: stop it first, or use DATABASE_URL`);
    }
    const path = join(dataDir, LOCK_FILE);
    writeFileSync(path, `${process.pid}\n`);
    return new DataDirLock(path);
  }

  release(): void {
    try {
      if (Number(readFileSync(this.path, 'utf8').trim()) === process.pid) rmSync(this.path, { force: true });
    } catch {
      // Already gone.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
