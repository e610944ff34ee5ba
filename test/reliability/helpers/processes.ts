import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Every process below `pid` (Linux /proc), deepest last. */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let kids: string[] = [];
      try {
        kids = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      } catch {
        /* gone */
      }
      for (const k of kids) {
        out.push(Number(k));
        walk(Number(k));
      }
    }
  };
  walk(pid);
  return out;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** RSS of a process in bytes from /proc (what the soak reports for a server it did not start). */
export function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface MainProcess {
  base: string;
  port: number;
  /** The npx process (leader of its own process group). */
  child: ChildProcess;
  /** The node process that actually runs src/main.ts (npx → sh → tsx → node). */
  serverPid: number;
  lines: string[];
  exited: Promise<number | null>;
  /** kill -9 the whole process group: the server dies without running a line more. */
  kill9(): void;
  /** SIGTERM to the server process, as an orchestrator stopping it. */
  term(): void;
}

const running = new Set<MainProcess>();

/** kill -9 every process group spawnMain started that is still there (a failed test must not leave bots running). */
export async function reapAll(): Promise<void> {
  for (const p of running) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.kill9();
    await Promise.race([p.exited, new Promise((r) => setTimeout(r, 3000))]);
    running.delete(p);
  }
}

/**
 * Starts `npx tsx src/main.ts` exactly as `npm start` does, in its own process group, and waits for the
 * "listening" log line (PORT=0 picks a free port).
 */
export async function spawnMain(env: Record<string, string>, timeoutMs = 30_000): Promise<MainProcess> {
  const child = spawn('npx', ['tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', HOST: '127.0.0.1', SCHEDULER: '0', SANDBOX: '0', LOG_LEVEL: 'info', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buf = '';
  const onData = (c: Buffer) => {
    buf += c.toString('utf8');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const kill9 = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const end = Date.now() + timeoutMs;
  let port = 0;
  while (!port) {
    const hit = lines.find((l) => l.includes('listening on'));
    if (hit) port = JSON.parse(hit).port;
    else if (child.exitCode !== null || Date.now() > end) {
      kill9();
      throw new Error(`src/main.ts did not start:\n${lines.join('\n')}`);
    }
    else await new Promise((r) => setTimeout(r, 50));
  }
  const serverPid = descendants(child.pid!).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('src/main.ts') && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('loader');
    } catch {
      return false;
    }
  }).pop() ?? descendants(child.pid!).pop()!;
  const p: MainProcess = { base: `http://127.0.0.1:${port}`, port, child, serverPid, lines, exited, kill9, term: () => process.kill(serverPid, 'SIGTERM') };
  running.add(p);
  void exited.then(() => running.delete(p));
  return p;
}

export interface BotChild {
  base: string;
  child: ChildProcess;
  errors: string[];
  /** Heap and RSS of the bot process after forced GC. */
  memory(): Promise<{ heapUsed: number; rss: number; external: number }>;
  /** Waits until the bot's worker and outbox are idle. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** The real bot (buildBot) in a forked node with --expose-gc, answering memory questions over IPC. */
export async function forkBotChild(env: Record<string, string>): Promise<BotChild> {
  const child = fork(resolve(__dirname, 'bot-child.ts'), [], {
    cwd: ROOT,
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', SCHEDULER: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const errors: string[] = [];
  let buf = '';
  const onData = (c: Buffer) => {
    buf += c.toString('utf8');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      // pino: 50 = error, 60 = fatal. Anything not JSON on stdout/stderr is a crash trace.
      if (/"level":(50|60)/.test(line) || (!line.startsWith('{') && line.trim())) errors.push(line.slice(0, 2000));
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let seq = 0;
  const ask = <T>(type: string, timeoutMs = 60_000): Promise<T> =>
    new Promise((res, rej) => {
      const id = ++seq;
      const timer = setTimeout(() => rej(new Error(`bot child did not answer ${type}`)), timeoutMs);
      const on = (m: any) => {
        if (m?.id === id) {
          clearTimeout(timer);
          child.off('message', on);
          res(m as T);
        }
      };
      child.on('message', on);
      child.send({ type, id });
    });
  const ready = await new Promise<{ port: number }>((res, rej) => {
    child.once('message', (m: any) => (m?.type === 'ready' ? res(m) : rej(new Error(JSON.stringify(m)))));
    child.once('exit', (code) => rej(new Error(`bot child exited ${code}: ${errors.join('\n')}`)));
  });
  return {
    base: `http://127.0.0.1:${ready.port}`, child, errors,
    memory: () => ask('memory'),
    idle: async () => void (await ask('idle')),
    close: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.send({ type: 'close', id: 0 });
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
