/**
 * CPU time spent by the PostgreSQL server's processes on this host (backends, WAL writer,
 * checkpointer…), read from Linux's /proc. On a two-core machine the platform, its database and the
 * load generator share the cores, so a request's latency under a burst is bounded by how much CPU all
 * of them spend per request; this is the database's part of it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ). */
function ticksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** User plus system CPU ticks of one process, from /proc/<pid>/stat; undefined if it is not a `postgres` process. */
function postgresProcessCpuTicks(pid: string): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // Gone since the directory was listed, or not readable.
  }
  // The command name is in parentheses and may hold spaces; the fields after it are space-separated.
  const close = stat.lastIndexOf(')');
  if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') return undefined;
  const fields = stat.slice(close + 2).split(' ');
  // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
  return Number(fields[11]) + Number(fields[12]);
}

export class PostgresHostCpu {
  private constructor(private readonly msPerTick: number) {}

  /**
   * A reader when the server at `databaseUrl` runs on this host (loopback or a socket directory) and
   * its processes can be seen (Linux); otherwise undefined.
   */
  static local(databaseUrl: string | undefined): PostgresHostCpu | undefined {
    if (!databaseUrl || !isLocal(databaseUrl)) return undefined;
    const reader = new PostgresHostCpu(1000 / ticksPerSecond());
    return reader.snapshot().size > 0 ? reader : undefined;
  }

  /** CPU ticks so far of each `postgres` process alive now. */
  snapshot(): Map<string, number> {
    const ticks = new Map<string, number>();
    let pids: string[] = [];
    try {
      pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return ticks;
    }
    for (const pid of pids) {
      const used = postgresProcessCpuTicks(pid);
      if (used !== undefined) ticks.set(pid, used);
    }
    return ticks;
  }

  /**
   * CPU milliseconds the `postgres` processes spent since `before` (a snapshot). A process that
   * started since counts from zero; one that exited since takes its time with it, so the figure errs
   * low when backends come and go (the platform's pool keeps its connections open).
   */
  msSince(before: Map<string, number>): number {
    let ticks = 0;
    for (const [pid, used] of this.snapshot()) ticks += used - (before.get(pid) ?? 0);
    return ticks * this.msPerTick;
  }
}

function isLocal(databaseUrl: string): boolean {
  let host: string;
  try {
    const url = new URL(databaseUrl);
    host = decodeURIComponent(url.searchParams.get('host') ?? url.hostname);
  } catch {
    return false;
  }
  return host === '' || host.startsWith('/') || ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host);
}
