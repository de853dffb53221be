import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** An app started as its own Node.js process from its TypeScript entry point, as in the distributed deployment. */
export class ServiceProcess {
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
  }

  static async start(app: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServiceProcess> {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(ROOT, 'apps', app, 'src', 'main.ts')],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const service = new ServiceProcess(child);
    const deadline = Date.now() + timeoutMs;
    while (!/Listening on http/.test(service.output)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${app} exited with ${child.exitCode}:\n${service.output}`);
      if (Date.now() > deadline) throw new Error(`${app} did not start within ${timeoutMs} ms:\n${service.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return service;
  }

  get logs(): string {
    return this.output;
  }

  /** Sends the signal and resolves with how the process ended: its exit code, or the signal that ended it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | NodeJS.Signals> {
    const ended = (): number | NodeJS.Signals | null => this.child.exitCode ?? this.child.signalCode;
    const already = ended();
    if (already !== null) return already;
    const exited = new Promise<number | NodeJS.Signals>((resolve) => this.child.once('exit', (code, sig) => resolve(code ?? sig!)));
    this.child.kill(signal);
    return exited;
  }
}
