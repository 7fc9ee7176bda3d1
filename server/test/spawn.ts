import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** Runs server/main.ts as its own process, the way `npm run server` does. */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = ['--import', 'tsx', 'server/main.ts'];

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Sends the signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<ServerProcess>();

/** Starts a server on a free loopback port; resolves once it logs that it is listening. */
export function spawnServer(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...MAIN, '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let listening = false;
    const timer = setTimeout(() => fail(new Error('server did not start within 60 s')), 60_000);
    const fail = (error: Error) => {
      if (listening) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stderr}`));
    };
    child.once('exit', (code) => fail(new Error(`server exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = safeJson(line);
      if (entry?.msg !== 'listening' || typeof entry.url !== 'string') return;
      clearTimeout(timer);
      listening = true;
      const server: ServerProcess = {
        url: entry.url,
        child,
        async kill(signal = 'SIGTERM') {
          running.delete(server);
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      };
      running.add(server);
      resolve(server);
    });
  });
}

/** For afterAll: whatever a failed test left running. */
export async function killAllSpawned(): Promise<void> {
  await Promise.all([...running].map((server) => server.kill('SIGKILL')));
}

/** Runs one CLI command to completion. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...MAIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function safeJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
