// Issue 13: the sandbox stays a sandbox. Beside a configured platform it refuses to start without its own
// credential; with one, nothing of it answers without the token; it never seeds demo people into a database that
// holds real units; and its clock cannot move where real groups, signatures or links would be judged by it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { readConfig } from '../../src/config';
import { grant } from '../helpers/trust';

const run = promisify(execFile);
const targets = await dbTargets();
const TOKEN = 'sandbox-token-for-tests-0123456789';

describe('SANDBOX=1 beside a configured platform', () => {
  it('refuses to start without SANDBOX_TOKEN, with one line saying why', async () => {
    expect(() => readConfig({ ...botEnv('http://127.0.0.1:1'), SANDBOX: '1' })).toThrow(/^SANDBOX_TOKEN: required when SANDBOX=1 runs beside a configured platform/);
    const res = await run('npx', ['tsx', 'src/main.ts'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...botEnv('http://127.0.0.1:1'), SANDBOX: '1', DATABASE_URL: 'sqlite:/nonexistent/never-opened.sqlite' }, timeout: 60_000 }).then(
      () => ({ code: 0, err: '' }),
      (e) => ({ code: e.code as number, err: String(e.stderr) }),
    );
    expect(res.code).toBe(2);
    expect(res.err.trim().split('\n')).toHaveLength(1);
    expect(res.err).toContain('配置错误 SANDBOX_TOKEN');
  }, 90_000);
});

describe.each(targets)('sandbox lockdown on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);
  const api = (path: string, init: RequestInit = {}, token?: string) =>
    fetch(`${t.base}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { 'x-sandbox-token': token } : {}), ...(init.headers ?? {}) } });

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('on a database with real units (a DingTalk school and its people): no demo people, the clock stays real', async () => {
    // the real world first, on the real platform
    t = await startBot(url, botEnv(fake.url));
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    await t.bot.services.units.refresh();
    await grant(t.bot.ds, [['dingtalk', 'wang', '安全员', '东海中学', '王安全员']]);
    expect(await new DingtalkChat(t.base, fake, 'cid-real').say('wang', '王安全员', '/绑定 东海中学')).toContain('✅');
    await t.close();

    // then someone starts the sandbox on it, with no platform configured
    t = await startBot(url, { SANDBOX: '1' });
    expect(t.logs.join('')).toContain('holds real units');
    expect(await q(`SELECT user_id FROM member WHERE platform = 'local'`)).toEqual([]);
    const res = await api('/sandbox/api/clock', { method: 'POST', body: JSON.stringify({ at: '2030-01-01T09:00:00+08:00' }) });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error).toContain('真实单位');
    expect(Math.abs(t.bot.services.clock.now() - Date.now())).toBeLessThan(5_000);
    await t.close();
  });

  it('beside DingTalk with SANDBOX_TOKEN: nothing answers without the token; the clock never moves; signatures keep real time', async () => {
    t = await startBot(url, { ...botEnv(fake.url), SANDBOX: '1', SANDBOX_TOKEN: TOKEN });
    const before = Number((await q(`SELECT COUNT(*) AS n FROM inbound_message`))[0].n);
    for (const [path, init] of [['/sandbox', {}], ['/sandbox/api/state', {}], ['/sandbox/api/send', { method: 'POST', body: JSON.stringify({ groupId: '1', userId: 'qz-zheng', text: '/导出 台账' }) }]] as const) {
      expect((await api(path, init)).status, path).toBe(401);
      expect((await api(path, init, 'wrong-token-wrong-token-wrong')).status, path).toBe(401);
    }
    expect(Number((await q(`SELECT COUNT(*) AS n FROM inbound_message`))[0].n)).toBe(before);
    // the token in the address sets a cookie for the page
    const page = await fetch(`${t.base}/sandbox?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toMatch(/sandbox_token=.*httponly/i);
    expect((await api('/sandbox/api/state', {}, TOKEN)).status).toBe(200);
    // the clock cannot be moved (3 h ahead would refuse every genuine callback, 5 h back accept old signatures)
    for (const at of [new Date(Date.now() + 3 * 3600_000).toISOString(), new Date(Date.now() - 5 * 3600_000).toISOString()]) {
      expect((await api('/sandbox/api/clock', { method: 'POST', body: JSON.stringify({ at }) }, TOKEN)).status).toBe(409);
    }
    expect(await new DingtalkChat(t.base, fake, 'cid-real').say('wang', '王安全员', '/我是谁')).toContain('安全员');
    const old = await new DingtalkChat(t.base, fake, 'cid-real').send('wang', '王安全员', '/我是谁', { timestamp: Date.now() - 5 * 3600_000 });
    expect(old.status).toBe(403);
  });
});
