import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encrypt, getSignature } from '@wecom/crypto';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv, CREDS, dingtalkRequest, uid, wecomBotRequest } from '../helpers/platform-sim';
import { startBot, waitUntil, type TestBot } from '../helpers/bot';
import { grant } from '../helpers/trust';
import { AdjustableClock } from '../../src/services/clock';

const vectors = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/wecom/wecom-vectors.json'), 'utf8'));
const targets = await dbTargets();
const nowSec = () => Math.floor(Date.now() / 1000);

describe.each(targets)('webhooks on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const clock = new AdjustableClock();
  const count = async () => Number((await t.bot.ds.query('SELECT COUNT(*) AS n FROM inbound_message'))[0].n);

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url), { clock });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${t.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('verifies the WeCom URL with the official vector A1 and answers the bare plaintext', async () => {
    const c = vectors.setA.cases[0];
    clock.set(Number(c.timestamp) * 1000 + 30_000); // the vectors are from 2014: the bot's clock stands then
    const res = await fetch(`${t.base}/webhooks/wecom?msg_signature=${c.msg_signature}&timestamp=${c.timestamp}&nonce=${c.nonce}&echostr=${encodeURIComponent(c.encrypt)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
    clock.reset();
  });

  it('refuses the official vectors today: a WeCom timestamp too far from now is a replay (403, nothing stored)', async () => {
    const c = vectors.setA.cases[1];
    const body = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${c.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const res = await fetch(`${t.base}/webhooks/wecom?msg_signature=${c.msg_signature}&timestamp=${c.timestamp}&nonce=${c.nonce}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
    expect(res.status).toBe(403);
    expect(await t.bot.ds.query(`SELECT msg_id FROM inbound_message WHERE platform = 'wecom' AND msg_id = ?`, ['4561255354251345929'])).toHaveLength(0);
    const a1 = vectors.setA.cases[0];
    expect((await fetch(`${t.base}/webhooks/wecom?msg_signature=${a1.msg_signature}&timestamp=${a1.timestamp}&nonce=${a1.nonce}&echostr=${encodeURIComponent(a1.encrypt)}`)).status).toBe(403);
  });

  it('accepts the official encrypted POST A2 (2014 timestamp, clock set then) and stores MsgId as a string', async () => {
    const c = vectors.setA.cases[1];
    clock.set(Number(c.timestamp) * 1000 + 30_000);
    const body = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${c.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const res = await fetch(`${t.base}/webhooks/wecom?msg_signature=${c.msg_signature}&timestamp=${c.timestamp}&nonce=${c.nonce}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
    expect(res.status).toBe(200);
    clock.reset();
    const rows = await t.bot.ds.query(`SELECT msg_id FROM inbound_message WHERE platform = 'wecom' AND msg_id = ?`, ['4561255354251345929']);
    expect(rows).toHaveLength(1);
  });

  it('answers /帮助 from a WeCom 智能机器人 through response_url', async () => {
    const req = wecomBotRequest(t.base, fake.url, { userId: 'zhang', chatId: 'wc-group-1', text: '/帮助' });
    const res = await fetch(req.url, req.init);
    expect(res.status).toBe(200);
    const hit = await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && textOf(r).includes('你可以做的'));
    expect(textOf(hit)).toContain('/绑定');
    expect(hit.body.msgtype).toBe('markdown');
  });

  it('answers /help from DingTalk through sessionWebhook', async () => {
    const req = dingtalkRequest(t.base, fake.url, { userId: 'li', chatId: 'cid-dt-1', text: '/help' });
    const res = await fetch(req.url, req.init);
    expect(res.status).toBe(200);
    const hit = await fake.waitFor((r) => r.path === '/robot/sendBySession' && textOf(r).includes('你可以做的'));
    expect(hit.body.msgtype).toBe('markdown');
  });

  it('suggests the nearest command for an unknown one', async () => {
    const req = dingtalkRequest(t.base, fake.url, { userId: 'li', chatId: 'cid-dt-1', text: '／帮主' });
    await fetch(req.url, req.init);
    const hit = await fake.waitFor((r) => r.path === '/robot/sendBySession' && textOf(r).includes('不认识这个指令'));
    expect(textOf(hit)).toContain('/帮助');
  });

  it('refuses forged, stale, broken and oversize requests and stores nothing', async () => {
    const before = await count();
    const good = wecomBotRequest(t.base, fake.url, { userId: 'x', chatId: 'g', text: '/帮助' });
    const forged = good.url.replace(/msg_signature=([0-9a-f])/, (_m, ch) => `msg_signature=${ch === 'a' ? 'b' : 'a'}`);
    expect((await fetch(forged, good.init)).status).toBe(401);

    // Right token, wrong AES key: the signature matches the ciphertext but it cannot be opened.
    const wrongKey = wecomBotRequest(t.base, fake.url, { userId: 'x', chatId: 'g', text: '/帮助', key: 'Z'.repeat(43) });
    expect((await fetch(wrongKey.url, wrongKey.init)).status).toBe(403);

    // Genuine crypto, but encrypted for a corp id instead of the aibot's "".
    const enc = encrypt(CREDS.wecomBot.aesKey, JSON.stringify({ msgid: uid(), msgtype: 'text', from: { userid: 'x' }, text: { content: 'hi' } }), 'wrong-receiver');
    const ts = '1700000000';
    const sig = getSignature(CREDS.wecomBot.token, ts, '1', enc);
    expect((await fetch(`${t.base}/webhooks/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=1`, { method: 'POST', body: JSON.stringify({ encrypt: enc }) })).status).toBe(403);

    const stale = dingtalkRequest(t.base, fake.url, { userId: 'li', chatId: 'c', text: '/帮助', timestamp: Date.now() - 2 * 3600_000 });
    expect((await fetch(stale.url, stale.init)).status).toBe(403);
    const wrongSecret = dingtalkRequest(t.base, fake.url, { userId: 'li', chatId: 'c', text: '/帮助', secret: 'nope' });
    expect((await fetch(wrongSecret.url, wrongSecret.init)).status).toBe(403);
    const noHeaders = await fetch(`${t.base}/webhooks/dingtalk`, { method: 'POST', body: '{}' });
    expect(noHeaders.status).toBe(401);

    const brokenXml = await fetch(`${t.base}/webhooks/wecom?msg_signature=a&timestamp=${nowSec()}&nonce=1`, { method: 'POST', body: '<xml><Encrypt>abc</xml>' });
    expect(brokenXml.status).toBe(400);
    const brokenJson = await fetch(`${t.base}/webhooks/wecom?msg_signature=a&timestamp=${nowSec()}&nonce=1`, { method: 'POST', body: '{"encrypt": ' });
    expect(brokenJson.status).toBe(400);
    const dtBroken = dingtalkRequest(t.base, fake.url, { userId: 'li', chatId: 'c', text: 'x' });
    expect((await fetch(dtBroken.url, { ...dtBroken.init, body: '{not json' })).status).toBe(400);
    const xxe = await fetch(`${t.base}/webhooks/wecom?msg_signature=a&timestamp=${nowSec()}&nonce=1`, {
      method: 'POST', body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>',
    });
    expect(xxe.status).toBe(400);

    const huge = 'x'.repeat(1024 * 1024 + 10);
    expect((await fetch(`${t.base}/webhooks/wecom?msg_signature=a&timestamp=1&nonce=1`, { method: 'POST', body: huge })).status).toBe(413);
    const dtHuge = dingtalkRequest(t.base, fake.url, { userId: 'li', chatId: 'c', text: 'x' });
    expect((await fetch(dtHuge.url, { ...dtHuge.init, body: huge })).status).toBe(413);

    expect(await count()).toBe(before);
    expect(t.logs.join('')).toContain('request refused');
  });

  it('turns a delivery repeated three times into one effect', async () => {
    fake.reset();
    const req = wecomBotRequest(t.base, fake.url, { userId: 'wang', chatId: 'wc-group-2', text: '/我是谁' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(req.url, req.init)).status);
    expect(statuses).toEqual([200, 200, 200]);
    await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response');
    await t.bot.worker.idle();
    await t.bot.sender.kick();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.find('/cgi-bin/aibot/response')).toHaveLength(1);
    const rows = await t.bot.ds.query(`SELECT COUNT(*) AS n FROM inbound_message WHERE msg_id = ?`, [req.msgId]);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('binds a group, registers writers as teachers, and lets the admin set roles', async () => {
    fake.reset();
    const send = async (userId: string, text: string, nick = userId) => {
      const req = dingtalkRequest(t.base, fake.url, { userId, nick, chatId: 'cid-school', text });
      expect((await fetch(req.url, req.init)).status).toBe(200);
      return fake.waitFor((r) => r.path === '/robot/sendBySession' && r.query.get('session') !== null && JSON.stringify(r.body).length > 0 && !seen.has(r) && (seen.add(r), true));
    };
    const seen = new Set<any>();
    // Nobody claims a bureau from chat: the first stranger is refused and nothing is stored.
    expect(textOf(await send('stranger', '/绑定 丰泽区教育局', '林科长'))).toContain('不能在群里认领');
    expect(await t.bot.ds.query(`SELECT id FROM member WHERE user_id = 'stranger'`)).toEqual([]);
    await grant(t.bot.ds, [['dingtalk', 'lin', '区教育局管理员', '丰泽区教育局', '林科长']]);
    expect(textOf(await send('lin', '/绑定 丰泽区教育局', '林科长'))).toContain('区教育局管理员');
    expect(textOf(await send('chen', '/我是谁', '陈老师'))).toContain('教师');
    expect(textOf(await send('chen', '/绑定 鲤城区教育局', '陈老师'))).toContain('不能在群里认领');
    const withAt = async (userId: string, text: string, nick: string, staffId: string) => {
      const req = dingtalkRequest(t.base, fake.url, { userId, nick, chatId: 'cid-school', text, atUsers: [{ staffId }] });
      expect((await fetch(req.url, req.init)).status).toBe(200);
      return fake.waitFor((r) => r.path === '/robot/sendBySession' && !seen.has(r) && (seen.add(r), true));
    };
    expect(textOf(await withAt('lin', '/角色 @陈老师 区教育局管理员', '林科长', 'chen'))).toContain('已将 陈老师 设为区教育局管理员');
    expect(textOf(await withAt('chen', '/角色 @林科长 安全员', '陈老师', 'lin'))).toContain('只能是');
    const audit = await t.bot.ds.query(`SELECT action FROM audit_log WHERE action <> 'member.grant' ORDER BY id`);
    expect(audit.map((a: any) => a.action)).toEqual(['group.bind', 'member.role']);
  });
});
