import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import getRawBody from 'raw-body';
import { z } from 'zod';
import type { Services } from '../services/container';
import type { AdjustableClock } from '../services/clock';
import type { SandboxStore } from '../platforms/local/sandbox-store';
import { HttpError } from './body';
import { readSandboxAsset, type SandboxAssetName } from './sandbox/assets';
import { ROLE_LABEL } from '../services/org/roles';
import type { IncomingMessage } from '../platforms/types';
import { uuidLike } from '../platforms/local/ids';
import { HELP_ORDER } from '../bot/commands/help.command';

const SendBody = z.object({
  groupId: z.string().regex(/^\d+$/),
  userId: z.string().min(1).max(191),
  text: z.string().max(4000).default(''),
  mention: z.boolean().default(true),
  imageDataUrl: z.string().regex(/^data:image\/(png|jpeg|webp|gif);base64,/).max(4_000_000).optional(),
  /** A tap on a card button: the key and task_id the card carried, as WeCom hands them back. */
  tap: z.object({ key: z.string().min(1).max(512), taskId: z.string().max(128).optional(), label: z.string().max(40).default('') }).optional(),
});

export interface SandboxDeps {
  services: Services;
  store: SandboxStore;
  clock: AdjustableClock;
  accept(msg: IncomingMessage): Promise<unknown>;
  /** Runs the scheduler for the clock's current minute (reminders, overdue, digests); returns pushes created. */
  tick(): Promise<number>;
  /** SANDBOX_TOKEN: when set, every sandbox page and API call must carry it (cookie set by /sandbox?token=…). */
  token?: string;
  /** Why the clock may not move (a real platform is configured, the database holds real units), or null. */
  clockLocked(): Promise<string | null>;
}

const TOKEN_COOKIE = 'sandbox_token';

function tokenMatches(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(String(given ?? ''), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

async function json(ctx: any, limit = '6mb'): Promise<unknown> {
  try {
    return JSON.parse((await getRawBody(ctx.req, { limit, encoding: 'utf8' })) || '{}');
  } catch (err: any) {
    throw new HttpError(err?.type === 'entity.too.large' ? 413 : 400, '请求内容不是有效的 JSON');
  }
}

/** The local platform: a browser page plays the group chat, everything else is the real bot. */
export function mountSandbox(router: Router, deps: SandboxDeps): void {
  const { services, store, clock } = deps;
  // Beside a real platform the sandbox is someone else's chat with every identity up for grabs: only with the token.
  if (deps.token) {
    const expected = deps.token;
    router.use(async (ctx, next) => {
      if (!ctx.path.startsWith('/sandbox') && ctx.path !== '/') return next();
      const fromQuery = typeof ctx.query.token === 'string' ? ctx.query.token : undefined;
      if (fromQuery && tokenMatches(fromQuery, expected)) {
        ctx.cookies.set(TOKEN_COOKIE, expected, { httpOnly: true, sameSite: 'strict', path: '/', overwrite: true });
        return next();
      }
      if (tokenMatches(ctx.cookies.get(TOKEN_COOKIE) ?? ctx.get('x-sandbox-token'), expected)) return next();
      ctx.status = 401;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = '本地试用群需要口令：请打开 /sandbox?token=<SANDBOX_TOKEN>（口令见服务器的 SANDBOX_TOKEN 配置）。';
    });
  }
  const asset = (name: SandboxAssetName) => async (ctx: any) => {
    const a = await readSandboxAsset(name);
    ctx.type = a.type;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = a.body;
  };
  router.get('/', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = `<!doctype html><meta charset="utf-8"><title>校园安全助手</title><link rel="icon" href="/favicon.ico" type="image/svg+xml"><p>校园安全助手正在运行。<a href="/sandbox">打开本地试用群聊 /sandbox</a> · <a href="/healthz">/healthz</a></p>`;
  });
  router.get('/sandbox', asset('page.html'));
  router.get('/sandbox/', asset('page.html'));
  router.get('/sandbox/sandbox.js', asset('sandbox.js'));
  router.get('/sandbox/sandbox.css', asset('sandbox.css'));
  // Browsers ask for /favicon.ico on every page load; without one each load logs a 404.
  router.get('/favicon.ico', asset('favicon.svg'));
  router.get('/sandbox/favicon.svg', asset('favicon.svg'));

  router.get('/sandbox/api/state', async (ctx) => {
    await services.units.refresh();
    const groups = await store.groups();
    const members = await store.members();
    const unitName = (id: number | null) => services.units.get(id)?.name ?? '未绑定';
    ctx.body = {
      now: new Date(clock.now()).toISOString(),
      groups: groups.map((g) => ({ id: String(g.id), name: g.name ?? unitName(g.unitId), unitName: unitName(g.unitId) })),
      members: members.map((m) => {
        const unit = services.units.get(m.unitId);
        // A member sits in the groups of their own unit; bureau staff also in the groups of units under them.
        const groupIds = groups
          .filter((g) => g.unitId !== null && unit && (g.unitId === unit.id || (unit.kind !== 'school' && services.units.within(services.units.get(g.unitId)!, unit))))
          .map((g) => String(g.id));
        const can = (HELP_ORDER[m.role as keyof typeof HELP_ORDER] ?? []).slice(0, 7).map((w) => `/${w}`).join(' ');
        return { userId: m.userId, name: m.name, role: m.role, roleLabel: ROLE_LABEL[m.role as keyof typeof ROLE_LABEL] ?? m.role, unitName: unit?.name ?? '', groupIds, can };
      }),
    };
  });

  router.get('/sandbox/api/messages', async (ctx) => {
    const after = Number(ctx.query.after ?? 0) || 0;
    const rows = await store.after(after);
    ctx.body = {
      messages: rows.map((r) => ({ seq: r.seq, groupId: String(r.groupId), direction: r.direction, senderName: r.senderName, text: r.text, markdown: r.markdown, imageUrls: r.imageUrls, card: r.card, at: new Date(r.at).toISOString() })),
    };
  });

  router.post('/sandbox/api/send', async (ctx) => {
    const parsed = SendBody.safeParse(await json(ctx));
    if (!parsed.success) throw new HttpError(400, `参数不正确：${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
    const b = parsed.data;
    if (!b.text.trim() && !b.imageDataUrl && !b.tap) throw new HttpError(400, '请输入消息或选择照片');
    const group = Number.isSafeInteger(Number(b.groupId)) ? await store.group(Number(b.groupId)) : null;
    if (!group) throw new HttpError(404, '没有这个群');
    const member = await store.member(b.userId);
    const senderName = member?.name ?? b.userId;
    const now = clock.now();
    const shown = b.tap ? `[点击了卡片按钮「${b.tap.label || '按钮'}」]` : b.mention ? `@安全助手 ${b.text}`.trim() : b.text;
    const seq = await store.append({ groupId: Number(group.id), direction: 'in', senderName, text: shown, imageUrls: b.imageDataUrl ? [b.imageDataUrl] : [], at: now });
    await deps.accept({
      platform: 'local', msgId: uuidLike(), chatId: group.chatId, chatType: 'group', senderId: b.userId, senderName, text: b.text.trim(),
      mentioned: b.mention || Boolean(b.tap), images: b.imageDataUrl ? [{ kind: 'data_url', dataUrl: b.imageDataUrl }] : [], receivedAt: now, reply: { kind: 'local' },
      ...(b.tap ? { text: '', tap: { key: b.tap.key, version: null, taskId: b.tap.taskId } } : {}),
    });
    ctx.body = { ok: true, seq };
  });

  router.post('/sandbox/api/clock', async (ctx) => {
    const locked = await deps.clockLocked();
    if (locked) throw new HttpError(409, `${locked}：不能调整时钟。`);
    const b = (await json(ctx, '10kb')) as { at?: string; reset?: boolean };
    if (b.reset) clock.reset();
    else {
      const at = Date.parse(String(b.at ?? ''));
      if (!Number.isFinite(at)) throw new HttpError(400, '时间格式不正确，例如 2025-02-14T09:00:00+08:00');
      clock.set(at);
    }
    const fired = await deps.tick();
    ctx.body = { now: new Date(clock.now()).toISOString(), fired };
  });
}
