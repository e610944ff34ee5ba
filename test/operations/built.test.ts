import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'csb-built-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * What `npm start` runs on a fresh clone: the build (when stale) and `node dist/main.js` with no configuration. Both
 * threads run built code (no tsx anywhere in the process), the sandbox's static files and the demo world are found
 * from dist/, and a message typed in the sandbox is answered by the processor thread.
 */
describe('the built server (node dist/main.js)', () => {
  it('starts with no configuration, serves the sandbox and answers through the processor thread', async () => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const port = 4600 + Math.floor(Math.random() * 300);
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DOTENV_CONFIG_PATH: '/nonexistent', DATABASE_URL: `sqlite:${join(dir, 'bot.sqlite')}`, PORT: String(port), HOST: '127.0.0.1', SCHEDULER: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const base = `http://127.0.0.1:${port}`;
      const end = Date.now() + 30_000;
      while (!out.includes('listening on')) {
        if (child.exitCode !== null || Date.now() > end) throw new Error(`did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(out).toContain('sandbox: http://localhost');
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', db: 'ok' });
      const page = await fetch(`${base}/sandbox`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('sandbox.js');
      expect((await fetch(`${base}/sandbox/sandbox.js`)).status).toBe(200);
      // No tsx loader in this process: both threads run dist/.
      const cmdline = spawnSync('cat', [`/proc/${child.pid}/cmdline`], { encoding: 'utf8' }).stdout;
      expect(cmdline).not.toContain('tsx');

      const state = await (await fetch(`${base}/sandbox/api/state`)).json();
      const teacher = state.members.find((m: any) => m.role === 'teacher' && m.groupIds.length);
      const groupId = teacher.groupIds[0];
      const { seq } = await (await fetch(`${base}/sandbox/api/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ groupId, userId: teacher.userId, text: '/隐患 三楼楼梯口堆了旧课桌椅，疏散通道被堵', mention: true }) })).json();
      let reply: any;
      for (const stop = Date.now() + 20_000; !reply && Date.now() < stop; await new Promise((r) => setTimeout(r, 100))) {
        const { messages } = await (await fetch(`${base}/sandbox/api/messages?after=${seq}`)).json();
        reply = messages.find((m: any) => m.direction === 'out' && m.groupId === groupId);
      }
      expect(reply?.markdown).toMatch(/已登记隐患 YH-\d{4}-\d{6}/);
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 120_000);
});
