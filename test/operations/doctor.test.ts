import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { startFakeOpenAi, type FakeOpenAiServer } from '../helpers/fake-openai-server';
import { CREDS } from '../helpers/platform-sim';
import { openDataSource } from '../../src/db/data-source';

const ROOT = resolve(__dirname, '../..');

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}
const GOOD_KEY = 'good-wecom-webhook-key-0001';
const DEAD_KEY = 'dead-wecom-webhook-key-0002';

/** `npm run doctor` with only `env` (no .env of the developer's). */
function doctor(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
  return new Promise((res) => {
    const p = spawn('npx', ['tsx', 'scripts/doctor.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DOTENV_CONFIG_PATH: '/nonexistent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.once('exit', (code) => res({ code, lines: out.split('\n').filter(Boolean) }));
  });
}

describe.each(await dbTargets())('npm run doctor against local fakes on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let model: FakeOpenAiServer;
  let env: Record<string, string>;
  const line = (lines: string[], needle: string) => lines.find((l) => l.includes(needle)) ?? `(no line with ${needle} in:\n${lines.join('\n')})`;

  beforeAll(async () => {
    url = await target.create();
    const ds = await openDataSource(url);
    await ds.query(`INSERT INTO chat_group (platform, chat_id, unit_id, name, push_kind, push_target, digest, created_at) VALUES ('wecom', 'wc-1', NULL, '东海中学安全群', 'wecom_webhook', ?, 0, 0)`, [GOOD_KEY]);
    await ds.destroy();
    fake = await new FakePlatform().start();
    model = await startFakeOpenAi();
    model.setHandler(() => ({ content: '好' }));
    env = {
      DATABASE_URL: url, DINGTALK_APP_KEY: CREDS.dingtalk.appKey, DINGTALK_APP_SECRET: CREDS.dingtalk.appSecret, DINGTALK_ROBOT_CODE: CREDS.dingtalk.robotCode,
      DINGTALK_API_BASE: fake.url, DINGTALK_OAPI_BASE: fake.url, WECOM_API_BASE: fake.url,
      OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: model.baseURL, OPENAI_MODEL: 'test-model', PUBLIC_BASE_URL: fake.url,
    };
  });
  afterAll(async () => {
    await fake?.close();
    await model?.close();
    await target.drop(url);
  });

  /** DingTalk as it answers: a wrong secret, a robot without the permission, a conversation that does not exist. */
  function dingtalk(opts: { secretOk: boolean; permission: boolean }): void {
    fake.reset();
    fake.respond((r) => {
      if (r.path === '/v1.0/oauth2/accessToken') {
        return r.body?.appSecret === CREDS.dingtalk.appSecret && opts.secretOk
          ? { body: { accessToken: 'tok', expireIn: 7200 } }
          : { status: 400, body: { code: 'invalidClientSecret', message: '无效的clientSecret' } };
      }
      if (r.path === '/v1.0/robot/groupMessages/send') {
        if (!opts.permission) return { status: 403, body: { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限', accessdenieddetail: { requiredScopes: ['qyapi_robot_sendmsg'] } } };
        if (r.body?.robotCode !== CREDS.dingtalk.robotCode) return { status: 400, body: { code: 'invalidParameter.robotCode.notExsit', message: 'robot 不存在' } };
        return { status: 400, body: { code: 'invalid.openConversationId', message: '群不存在' } };
      }
      if (r.path === '/cgi-bin/webhook/upload_media') return { body: r.query.get('key') === GOOD_KEY ? { errcode: 0, errmsg: 'ok', type: 'file', media_id: 'm1' } : { errcode: 93000, errmsg: 'invalid webhook url' } };
      if (r.path === '/healthz') return { body: { status: 'ok', db: 'ok' } };
      return undefined;
    });
  }

  it('passes when everything is right, and posts nothing into any group', async () => {
    dingtalk({ secretOk: true, permission: true });
    const { code, lines } = await doctor(env);
    expect(lines.filter((l) => l.startsWith('✗'))).toEqual([]);
    expect(line(lines, '数据库')).toMatch(/^✓ .*迁移已是最新/);
    expect(line(lines, '已取得 access token')).toMatch(/^✓/);
    expect(line(lines, '发送消息权限')).toMatch(/^✓/);
    expect(line(lines, '东海中学安全群')).toMatch(/^✓ .*\*\*\*\*0001 有效/);
    expect(line(lines, '模型')).toMatch(/^✓ 模型：test-model 可用/);
    expect(line(lines, '公网地址')).toMatch(/^✓/);
    expect(lines.at(-1)).toBe('全部通过。');
    expect(code).toBe(0);
    expect(model.requests.at(-1)).toMatchObject({ model: 'test-model' });
    // No message reached a group: the dry send went to a conversation that does not exist, the WeCom probe only uploads.
    expect(fake.requests.filter((r) => r.path === '/cgi-bin/webhook/send' || (r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId !== 'cid-doctor-dry-run-no-such-group'))).toEqual([]);
    expect(lines.join('\n')).not.toContain(CREDS.dingtalk.appSecret);
    expect(lines.join('\n')).not.toContain(GOOD_KEY);
  });

  it('a wrong AppSecret names the variables to fix', async () => {
    dingtalk({ secretOk: true, permission: true });
    const { code, lines } = await doctor({ ...env, DINGTALK_APP_SECRET: 'wrong-secret' });
    expect(line(lines, 'AppSecret')).toBe('✗ 钉钉：AppKey/AppSecret 被拒绝（invalidClientSecret）：在 钉钉开放平台 → 应用 → 凭证与基础信息 复制 Client ID 与 Client Secret 到 DINGTALK_APP_KEY、DINGTALK_APP_SECRET');
    expect(lines.join('\n')).not.toContain('wrong-secret');
    expect(code).toBe(1);
  });

  it('a robot without the group-send permission is told to apply for qyapi_robot_sendmsg; a wrong robot code is named', async () => {
    dingtalk({ secretOk: true, permission: false });
    const missing = await doctor(env);
    expect(line(missing.lines, '发送消息权限')).toMatch(/^✗ 钉钉：缺少「企业内机器人发送消息权限」qyapi_robot_sendmsg（Forbidden\.AccessDenied\.AccessTokenPermissionDenied）：在 钉钉开放平台 → 应用 → 权限管理 申请/);
    expect(missing.code).toBe(1);
    dingtalk({ secretOk: true, permission: true });
    const robot = await doctor({ ...env, DINGTALK_ROBOT_CODE: 'not-our-robot' });
    expect(line(robot.lines, 'RobotCode')).toMatch(/^✗ 钉钉：机器人编码无效（invalidParameter\.robotCode\.notExsit）/);
    expect(robot.code).toBe(1);
  });

  it('a dead model endpoint, an expired WeCom key, pending migrations and an unreachable public URL each get their hint', async () => {
    dingtalk({ secretOk: true, permission: true });
    const port = await closedPort();
    const dead = await doctor({ ...env, OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1` });
    expect(line(dead.lines, '模型')).toMatch(new RegExp(`^✗ 模型：OPENAI_BASE_URL http://127\\.0\\.0\\.1:${port}/v1 无法访问（ECONNREFUSED）：检查地址、端口与网络；在修好之前机器人会自动改用本地分类$`));
    expect(dead.code).toBe(1);

    const ds = await openDataSource(url, { migrate: false });
    await ds.query(`UPDATE chat_group SET push_target = ? WHERE chat_id = 'wc-1'`, [DEAD_KEY]);
    const expired = await doctor(env);
    await ds.query(`UPDATE chat_group SET push_target = ? WHERE chat_id = 'wc-1'`, [GOOD_KEY]);
    expect(line(expired.lines, '东海中学安全群')).toBe('✗ 企业微信推送：群「东海中学安全群」的 key ****0002 已失效（errcode 93000）：在该群重新添加「消息推送」机器人，然后在群里发送 /推送 设置 企业微信 <新的key>');
    expect(expired.code).toBe(1);

    const [last] = await ds.query(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
    await ds.query(`DELETE FROM migrations WHERE name = ?`, [last.name]);
    const pending = await doctor({ ...env, PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    await ds.query(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`, [Number(/\d{13}$/.exec(last.name)![0]), last.name]);
    await ds.destroy();
    expect(line(pending.lines, '数据库')).toBe(`✗ 数据库有 1 个迁移未执行（${last.name}）：运行 npm run migrate，或重启机器人（启动时自动执行）`);
    expect(line(pending.lines, '公网地址')).toMatch(new RegExp(`^✗ 公网地址：http://127\\.0\\.0\\.1:${port}/healthz 无法访问（ECONNREFUSED）：检查域名解析、nginx`));
    expect(pending.code).toBe(1);
  });
});
