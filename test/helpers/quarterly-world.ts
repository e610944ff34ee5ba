import { grant } from './trust';
import { expect } from 'vitest';
import { AdjustableClock } from '../../src/services/clock';
import { shanghaiDate } from '../../src/services/time';
import { startBot, type TestBot } from './bot';
import { DingtalkChat } from './chat';
import { FakePlatform, textOf } from './fake-platform';
import { botEnv, wecomBotRequest } from './platform-sim';

export const sh = (y: number, m: number, d: number, h = 10, mi = 0) => shanghaiDate(y, m, d, h, mi).getTime();

/** A DingTalk group whose requests are stamped with the bot's (moved) clock, so the sign check accepts them. */
export class TimedChat {
  private readonly chat: DingtalkChat;
  constructor(base: string, fake: FakePlatform, chatId: string, private readonly clock: AdjustableClock) {
    this.chat = new DingtalkChat(base, fake, chatId);
  }
  say(userId: string, nick: string, text: string): Promise<string> {
    return this.chat.say(userId, nick, text, { timestamp: this.clock.now() });
  }
}

/** A WeCom 智能机器人 group: the reply to each message is the next response_url call (send one at a time). */
export class WecomChat {
  constructor(private readonly base: string, private readonly fake: FakePlatform, readonly chatId: string, private readonly clock?: { now(): number }) {}
  async say(userId: string, text: string): Promise<string> {
    const before = this.fake.requests.length;
    const req = wecomBotRequest(this.base, this.fake.url, { userId, chatId: this.chatId, text, timestamp: this.clock?.now() });
    expect((await fetch(req.url, req.init)).status).toBe(200);
    return textOf(await this.fake.waitFor((r) => r.path === '/cgi-bin/aibot/response' && this.fake.requests.indexOf(r) >= before));
  }
}

export interface QuarterlyWorld {
  t: TestBot;
  fake: FakePlatform;
  clock: AdjustableClock;
  fengze: TimedChat;
  donghai: TimedChat;
  shiyan: TimedChat;
  kinder: WecomChat;
  city: TimedChat;
  wuzhong: TimedChat;
  id: (name: string) => Promise<number>;
}

/**
 * 丰泽区 with three schools (two on DingTalk, one on WeCom), the city and one 市属学校, each bound through /绑定 so
 * its first member is its administrator; 李老师 is a teacher of 东海中学. The clock stands at 2025-03-25 10:00,
 * a week before the Q1 forms are due.
 */
export async function startQuarterlyWorld(url: string): Promise<QuarterlyWorld> {
  const fake = await new FakePlatform().start();
  const clock = new AdjustableClock();
  clock.set(sh(2025, 3, 25));
  const t = await startBot(url, botEnv(fake.url), { clock });
  const id = async (name: string) => Number((await t.bot.ds.query(`SELECT id FROM unit WHERE name = ?`, [name]))[0].id);
  const fz = await id('丰泽区教育局');
  for (const [name, parent] of [['东海中学', fz], ['实验小学', fz], ['丰泽幼儿园', fz], ['泉州第五中学', await id('泉州市教育局')]] as const) {
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'school', ?, NULL, 0)`, [name, parent]);
  }
  await t.bot.services.units.refresh();
  await grant(t.bot.ds, [
    ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'], ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'], ['dingtalk', 'xu', '安全员', '实验小学', '许安全员'],
    ['wecom', 'cai', '安全员', '丰泽幼儿园'], ['dingtalk', 'zheng', '市教育局管理员', undefined, '郑科长'], ['dingtalk', 'wu', '安全员', '泉州第五中学', '吴安全员'],
  ]);
  const w: QuarterlyWorld = {
    t, fake, clock, id,
    fengze: new TimedChat(t.base, fake, 'cid-fengze', clock),
    donghai: new TimedChat(t.base, fake, 'cid-donghai', clock),
    shiyan: new TimedChat(t.base, fake, 'cid-shiyan', clock),
    kinder: new WecomChat(t.base, fake, 'wc-kinder', clock),
    city: new TimedChat(t.base, fake, 'cid-city', clock),
    wuzhong: new TimedChat(t.base, fake, 'cid-wuzhong', clock),
  };
  expect(await w.fengze.say('huang', '黄科长', '/绑定 丰泽区教育局')).toContain('区教育局管理员');
  expect(await w.donghai.say('wang', '王安全员', '/绑定 东海中学')).toContain('安全员');
  expect(await w.donghai.say('li', '李老师', '/我是谁')).toContain('教师');
  expect(await w.shiyan.say('xu', '许安全员', '/绑定 实验小学')).toContain('安全员');
  expect(await w.kinder.say('cai', '/绑定 丰泽幼儿园')).toContain('安全员');
  expect(await w.city.say('zheng', '郑科长', '/绑定 泉州市教育局')).toContain('市教育局管理员');
  expect(await w.wuzhong.say('wu', '吴安全员', '/绑定 泉州第五中学')).toContain('安全员');
  return w;
}

export async function stopQuarterlyWorld(w: QuarterlyWorld | undefined): Promise<void> {
  await w?.t.close();
  await w?.fake.close();
}

/** Rows of the three quarterly tables, to show that a refused message stored nothing. */
export async function quarterlyRowCounts(w: QuarterlyWorld): Promise<number[]> {
  const n = async (table: string) => Number((await w.t.bot.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return [await n('quarterly_submission'), await n('quarterly_value'), await n('quarterly_value_history')];
}
