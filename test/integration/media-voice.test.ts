import { createCipheriv } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv, CREDS, dingtalkRequest, wecomBotRequest } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';

const targets = await dbTargets();
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

/** WeCom media as the 智能机器人 serves it: AES-256-CBC, IV = key[0..16), PKCS#7 padded to 32 bytes. */
function wecomEncryptMedia(aesKey43: string, data: Buffer): Buffer {
  const key = Buffer.from(`${aesKey43}=`, 'base64');
  const pad = 32 - (data.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([data, Buffer.alloc(pad, pad)])), c.final()]);
}

describe.each(targets)('pictures and voice on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;
  const code = (text: string) => /YH-\d{4}-\d{6}/.exec(text)?.[0] ?? '';
  const photos = async (c: string) => Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM hazard_photo p JOIN hazard h ON h.id = p.hazard_id WHERE h.code = ?`, [c]))[0].n);
  /** Sends a 智能机器人 callback and returns the answer on that message's own response_url. */
  const wecom = async (p: Parameters<typeof wecomBotRequest>[2]) => {
    const req = wecomBotRequest(t.base, fake.url, p);
    expect((await fetch(req.url, req.init)).status).toBe(200);
    const rc = new URL(JSON.parse((await import('@wecom/crypto')).decrypt(CREDS.wecomBot.aesKey, JSON.parse(String(req.init.body)).encrypt).message).response_url).searchParams.get('response_code');
    const hit = await fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && r.query.get('response_code') === rc);
    return textOf(hit);
  };

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    fake.respond((r) => (r.path === '/media/good.png' ? { body: null, raw: wecomEncryptMedia(CREDS.wecomBot.aesKey, PNG) } : undefined));
    fake.respond((r) => (r.path === '/media/wrong-key.png' ? { body: null, raw: wecomEncryptMedia('Q'.repeat(43), PNG) } : undefined));
    fake.respond((r) => (r.path === '/media/not-an-image' ? { body: null, raw: wecomEncryptMedia(CREDS.wecomBot.aesKey, Buffer.from('%PDF-1.4 not a picture')) } : undefined));
    t = await startBot(url, botEnv(fake.url));
    for (const name of ['东海中学', '实验小学']) await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT ?, 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`, [name]);
    await grant(t.bot.ds, [['dingtalk', 'wang', '安全员', '实验小学', '王安全员'], ['wecom', 'chen', '安全员', '东海中学', '陈安全员']]);
    school = new DingtalkChat(t.base, fake, 'cid-voice-school');
    expect(await school.say('wang', '王安全员', '/绑定 实验小学')).toContain('安全员');
    expect(await wecom({ userId: 'chen', chatId: 'wc-school', text: '/绑定 东海中学' })).toContain('已绑定');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('a picture sent in 单聊 after a group report attaches to that report', async () => {
    const c = code(await wecom({ userId: 'chen', chatId: 'wc-school', text: '/隐患 二楼走廊灭火器压力不足' }));
    expect(c).not.toBe('');
    const reply = await wecom({ userId: 'chen', chatId: '', single: true, imageUrl: `${fake.url}/media/good.png` });
    expect(reply).toContain(`已附到 ${c}`);
    expect(await photos(c)).toBe(1);
    const [m] = await t.bot.ds.query(`SELECT m.mime, m.size FROM media m JOIN hazard_photo p ON p.media_id = m.id JOIN hazard h ON h.id = p.hazard_id WHERE h.code = ?`, [c]);
    expect(m.mime).toBe('image/png');
    expect(Number(m.size)).toBe(PNG.length);
  });

  it('pictures in a mixed message attach: with the report, and after one when the text is no report', async () => {
    const c = code(await wecom({ userId: 'chen', chatId: 'wc-school', text: '/隐患 实验室通风橱玻璃破裂', imageUrl: `${fake.url}/media/good.png` }));
    expect(await photos(c)).toBe(1);
    expect(await wecom({ userId: 'chen', chatId: 'wc-school', text: '补一张', imageUrl: `${fake.url}/media/good.png` })).toContain(`已附到 ${c}`);
    expect(await photos(c)).toBe(2);
  });

  it('a picture that cannot be decrypted or is no picture is refused with the reason, and nothing is stored', async () => {
    const before = Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM media`))[0].n);
    expect(await wecom({ userId: 'chen', chatId: '', single: true, imageUrl: `${fake.url}/media/wrong-key.png` })).toContain('图片解密失败');
    expect(await wecom({ userId: 'chen', chatId: '', single: true, imageUrl: `${fake.url}/media/not-an-image` })).toContain('不是图片');
    expect(Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM media`))[0].n)).toBe(before);
  });

  it('a picture nobody reported about is not kept', async () => {
    const before = Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM media`))[0].n);
    expect(await wecom({ userId: 'newbie', chatId: 'wc-school', imageUrl: `${fake.url}/media/good.png` })).toContain('10 分钟内没有上报');
    expect(Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM media`))[0].n)).toBe(before);
  });

  it('a transcribed DingTalk voice message is filed as a report, marked as voice', async () => {
    const card = await school.say('li', '李老师', '', { audio: { recognition: '三楼楼梯口堆放了很多纸箱杂物，堵住了疏散通道' } });
    const c = code(card);
    expect(c).not.toBe('');
    expect(card).toContain('由语音转写');
    const [h] = await t.bot.ds.query(`SELECT description FROM hazard WHERE code = ?`, [c]);
    expect(h.description).toContain('疏散通道');
  });

  it('a transcribed WeCom voice message is filed too; an untranscribed one gets 请用文字描述', async () => {
    const card = await wecom({ userId: 'chen', chatId: '', single: true, voice: '学校后门的围墙有一段裂缝，存在倒塌风险' });
    expect(code(card)).not.toBe('');
    expect(card).toContain('由语音转写');
    const before = Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM hazard`))[0].n);
    expect(await school.say('li', '李老师', '', { audio: {} })).toContain('请用文字描述');
    expect(Number((await t.bot.ds.query(`SELECT COUNT(*) AS n FROM hazard`))[0].n)).toBe(before);
  });

  it('DingTalk 单聊 pictures reach the sender’s group report the same way', async () => {
    fake.respond((r) => (r.path === '/v1.0/robot/messageFiles/download' ? { body: { downloadUrl: `${fake.url}/files/dt.png` } } : undefined));
    fake.respond((r) => (r.path === '/files/dt.png' ? { body: null, raw: PNG, contentType: 'image/png' } : undefined));
    const c = code(await school.say('li', '李老师', '/隐患 食堂后厨燃气软管老化开裂'));
    const req = dingtalkRequest(t.base, fake.url, { userId: 'li', nick: '李老师', chatId: 'cid-single-li', single: true, downloadCode: 'dl-code-1' });
    await fetch(req.url, req.init);
    const session = new URL(JSON.parse(String(req.init.body)).sessionWebhook).searchParams.get('session');
    expect(textOf(await fake.waitFor((r) => r.path === '/robot/sendBySession' && r.query.get('session') === session))).toContain(`已附到 ${c}`);
    expect(await photos(c)).toBe(1);
  });
});
