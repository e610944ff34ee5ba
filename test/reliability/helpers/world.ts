import type { DataSource } from 'typeorm';
import { afterAll, beforeAll } from 'vitest';
import type { DbTarget } from '../../helpers/db';
import { FakePlatform } from '../../helpers/fake-platform';
import { CREDS, uid, uniqueMs } from '../../helpers/platform-sim';
import { dingtalkInboundSign } from '../../../src/platforms/dingtalk/sign';
import { openDataSource } from '../../../src/db/data-source';
import { reapAll } from './processes';

/** Schools under 丰泽区教育局, each with a bound DingTalk group, plus people: written straight into the database. */
export async function seedSchools(ds: DataSource, opts: { prefix: string; schools: number; teachersPerSchool?: number }): Promise<{ unitIds: number[]; chatIds: string[] }> {
  const now = Date.now();
  const [{ id: district }] = await ds.query(`SELECT id FROM unit WHERE name = '丰泽区教育局'`);
  const unitIds: number[] = [];
  const chatIds: string[] = [];
  for (let i = 1; i <= opts.schools; i++) {
    const name = `${opts.prefix}${i}号学校`;
    await ds.query(`INSERT INTO unit (name, kind, parent_id, settings, created_at) VALUES (?, 'school', ?, NULL, ?)`, [name, district, now]);
    const [{ id }] = await ds.query(`SELECT id FROM unit WHERE name = ?`, [name]);
    const chatId = `cid-${opts.prefix}-${i}`;
    await ds.query(`INSERT INTO chat_group (platform, chat_id, unit_id, name, digest, created_at) VALUES ('dingtalk', ?, ?, ?, 0, ?)`, [chatId, id, `${name}安全群`, now]);
    await ds.query(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES ('dingtalk', ?, ?, 'safety_officer', ?, ?, ?)`, [`${opts.prefix}-so-${i}`, `安全员${i}`, id, now, now]);
    for (let k = 1; k <= (opts.teachersPerSchool ?? 0); k++) {
      await ds.query(`INSERT INTO member (platform, user_id, name, role, unit_id, created_at, updated_at) VALUES ('dingtalk', ?, ?, 'teacher', ?, ?, ?)`, [`${opts.prefix}-t-${i}-${k}`, `老师${i}-${k}`, id, now, now]);
    }
    unitIds.push(Number(id));
    chatIds.push(chatId);
  }
  return { unitIds, chatIds };
}

/** The first REMINDER_HOUR slot from today on whose reminders reach at least `minPushes` groups (0 if none in 400 days). */
export async function findReminderSlot(ds: DataSource, config: import('../../../src/config').Config, minPushes: number): Promise<number> {
  const { UnitDirectory } = await import('../../../src/services/org/units');
  const { loadCalendar } = await import('../../../src/services/deadlines/store');
  const { plannedPushesAt, reminderSettings } = await import('../../../src/services/deadlines/reminders');
  const { slotsDueAt } = await import('../../../src/services/deadlines/plan');
  const { pushGroupsByUnit } = await import('../../../src/services/outbox/push-groups');
  const units = new UnitDirectory(ds);
  await units.refresh();
  const ctx = { db: ds, units, calendar: await loadCalendar(ds), groups: await pushGroupsByUnit(ds, config) };
  const settings = reminderSettings(config);
  for (let d = 0; d < 400; d++) {
    const day = new Date(Date.now() + d * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const t = Date.parse(`${day}T${String(config.REMINDER_HOUR).padStart(2, '0')}:00:00+08:00`);
    if (slotsDueAt(ctx.calendar, settings, new Date(t)).length && (await plannedPushesAt(ctx, settings, new Date(t))).length >= minPushes) return t;
  }
  return 0;
}

/** What a child-process test works against: a fresh database with schools, a fake platform, a direct connection. */
export interface ChildWorld {
  url: string;
  fake: FakePlatform;
  ds: DataSource;
  chatIds: string[];
}

/**
 * Registers the beforeAll/afterAll of a test that runs `src/main.ts` as a child process: replies are accepted by the
 * fake platform only after `replyDelayMs`, so some are in flight when the process is stopped.
 */
export function useChildWorld(
  target: DbTarget,
  opts: { prefix: string; schools: number; teachersPerSchool: number; replyDelayMs: number },
): ChildWorld {
  const world = {} as ChildWorld;
  beforeAll(async () => {
    world.url = await target.create();
    world.fake = await new FakePlatform().start();
    world.fake.respond((r) => (r.path === '/robot/sendBySession' ? { body: { errcode: 0, errmsg: 'ok' }, delayMs: opts.replyDelayMs } : undefined));
    world.ds = await openDataSource(world.url);
    ({ chatIds: world.chatIds } = await seedSchools(world.ds, opts));
  });
  afterAll(async () => {
    await reapAll();
    await world.ds?.destroy();
    await world.fake?.close();
    await target.drop(world.url);
  });
  return world;
}

/** A DingTalk callback body for a text report, with its own sessionWebhook so its reply can be found. */
export function dingtalkReport(fakeUrl: string, chatId: string, user: string, text: string, nick = user): { msgId: string; session: string; body: string } {
  const msgId = uid('rep');
  const session = uid('s');
  const body = JSON.stringify({
    conversationId: chatId, conversationType: '2', conversationTitle: '安全群', msgId, senderNick: nick, senderStaffId: user, isInAtList: true,
    robotCode: CREDS.dingtalk.robotCode, createAt: Date.now(), sessionWebhook: `${fakeUrl}/robot/sendBySession?session=${session}`,
    sessionWebhookExpiredTime: Date.now() + 90 * 60_000, msgtype: 'text', text: { content: ` ${text}` },
  });
  return { msgId, session, body };
}

/** Headers of a genuine DingTalk callback, signed now. */
export function signedDingtalkHeaders(): Record<string, string> {
  const ts = String(uniqueMs(Date.now()));
  return { 'content-type': 'application/json', timestamp: ts, sign: dingtalkInboundSign(ts, CREDS.dingtalk.appSecret) };
}
