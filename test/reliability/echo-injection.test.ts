// Issue 13: echoes are inert. Every command that repeats what it was given (an unknown unit, a role word, a
// hazard code, a filter, a period, a form field, a deadline setting, a nickname) goes through one escaping function
// (src/platforms/escape.ts); here the hostile strings are sent to each of them through the real webhooks of both
// platforms and no reply may carry a live link, an @-mention, a bidi override or markup the user typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { WecomChat } from '../helpers/quarterly-world';
import { grant } from '../helpers/trust';
import { escapeFor, echo } from '../../src/platforms/escape';
import { renderMarkdown } from '../../src/platforms/markdown';

const targets = await dbTargets();

const HOSTILE = [
  '[账号异常点此重新认证](http://evil.example/login) <@zhangsan>',
  '@all @所有人 <at user_id="@all"></at> <@all>',
  '\u202e员全安王\u202c 林校长\u2066x\u2069',
  '**粗体** ![x](http://evil.example/x.png) <font color="warning">红字</font> `code`',
  'https://evil.example/a www.evil.example',
];

/** What would act in WeCom or DingTalk markdown (or mislead a reader) if it came from the user. */
function problems(text: string): string[] {
  const out: string[] = [];
  if (/\[[^\]\n]*\]\(/.test(text)) out.push('markdown link');
  if (/<@|<at /.test(text)) out.push('mention tag');
  if (/@(all|所有人)/i.test(text)) out.push('@all');
  if (/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(text)) out.push('bidi control');
  if (/(https?:\/\/|www\.)evil/.test(text)) out.push('live url');
  if (/\*\*粗体|<font color="warning">红字|`code`/.test(text)) out.push('user markup');
  return out;
}

const COMMANDS = (h: string) => [
  `/绑定 ${h}`, `/邀请码 ${h}`, `/角色 ${h} 校长`, `/角色 @王安全员 ${h}`, `/确认 ${h}`, `/查询 ${h}`, `/清单 ${h}`, `/导出 ${h}`, `/导出 台账 ${h}`,
  `/季报 ${h}`, `/季报 ${h}=3`, `/整改期限 ${h}`, `/进度 ${h}`, `/目标 ${h} 标杆学校=1`, `/截止 删除 ${h}`, `/已报送 ${h}`, `/${h}`,
];

describe('escapeFor', () => {
  it('leaves plain Chinese alone and makes every hostile string inert on every target', () => {
    expect(echo('泉州市丰泽区东海中学')).toBe('泉州市丰泽区东海中学');
    for (const h of HOSTILE) {
      for (const target of ['wecom', 'dingtalk', 'local', 'any'] as const) {
        const e = escapeFor(target, h);
        expect(problems(e), `${target}: ${e}`).toEqual([]);
        if (target !== 'any') expect(problems(renderMarkdown(`不认识「${e}」`, target))).toEqual([]);
      }
    }
  });
  it('is bounded and linear: a 100,000-character input is cut before it is scanned', () => {
    const long = '[a](b) '.repeat(15_000);
    const e = echo(long, 40);
    expect([...e].length).toBeLessThanOrEqual(41);
    expect(problems(e)).toEqual([]);
  });
});

describe.each(targets)('hostile echoes on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  const q = (sql: string, p: unknown[] = []) => t.bot.ds.query(sql, p);

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await q(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    await t.bot.services.units.refresh();
    await grant(t.bot.ds, [['dingtalk', 'wang', '安全员', '东海中学', '王安全员'], ['wecom', 'wsx', '安全员', '东海中学', '吴安全员']]);
    expect(await new DingtalkChat(t.base, fake, 'cid-echo').say('wang', '王安全员', '/绑定 东海中学')).toContain('✅');
    expect(await new WecomChat(t.base, fake, 'wc-echo').say('wsx', '/绑定 东海中学')).toContain('✅');
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('DingTalk: every echoing command answers the hostile strings inertly', async () => {
    const chat = new DingtalkChat(t.base, fake, 'cid-echo');
    const bad: string[] = [];
    for (const h of HOSTILE) {
      for (const text of COMMANDS(h)) {
        const reply = await chat.say('wang', '王安全员', text);
        expect(reply.length, text).toBeGreaterThan(0);
        const p = problems(reply);
        if (p.length) bad.push(`${text} → ${p.join(', ')}: ${reply.slice(0, 160)}`);
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it('WeCom: the same, rendered as WeCom markdown', async () => {
    const chat = new WecomChat(t.base, fake, 'wc-echo');
    const bad: string[] = [];
    for (const h of HOSTILE.slice(0, 3)) {
      for (const text of COMMANDS(h)) {
        const reply = await chat.say('wsx', text);
        const p = problems(reply);
        if (p.length) bad.push(`${text} → ${p.join(', ')}: ${reply.slice(0, 160)}`);
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it('a nickname with a right-to-left override or a link is shown inert wherever the bot names the person', async () => {
    const chat = new DingtalkChat(t.base, fake, 'cid-echo');
    const nick = '\u202e师老李\u202c[领奖](http://evil.example/p)@all';
    const who = await chat.say('li', nick, '/我是谁');
    expect(who).toContain('教师');
    expect(problems(who)).toEqual([]);
    const card = await chat.say('li', nick, '/隐患 三楼楼梯口堆放旧课桌椅，疏散通道被堵');
    expect(problems(card)).toEqual([]);
    const code = /YH-\d{4}-\d{6}/.exec(card)![0];
    expect(problems(await chat.say('wang', '王安全员', `/查询 ${code}`))).toEqual([]);
  });
});
