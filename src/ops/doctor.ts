import type { Config } from '../config';
import { dialectOf, openDataSource } from '../db/data-source';
import { MIGRATIONS } from '../db/migrations';
import { pushGroups } from '../db/repositories/push-groups.repository';
import { schema } from '../db/repositories/schema.repository';
import { settings } from '../db/repositories/settings.repository';
import { maskSecret } from '../services/outbox/push-groups';
import { DOCTOR } from './doctor-texts';

/**
 * `npm run doctor`: checks the configuration against the configured endpoints (DINGTALK_API_BASE, WECOM_API_BASE,
 * OPENAI_BASE_URL, PUBLIC_BASE_URL: tests point them at local fakes) without posting anything into a group.
 */
export interface Check {
  ok: boolean;
  /** Skipped: nothing configured to check. */
  skipped?: boolean;
  line: string;
}

const TIMEOUT_MS = 8_000;
const pass = (line: string): Check => ({ ok: true, line });
const fail = (line: string): Check => ({ ok: false, line });
const skip = (line: string): Check => ({ ok: true, skipped: true, line });

function transportDetail(err: any): string {
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `${TIMEOUT_MS / 1000} 秒无应答`;
  // The most specific code down the cause chain (fetch wraps ECONNREFUSED in "fetch failed").
  for (let e = err; e; e = e.cause) if (typeof e.code === 'string' && e.code) return e.code;
  return String(err?.message ?? err).slice(0, 120);
}

async function request(url: string, init: RequestInit = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

export async function checkDatabase(config: Config): Promise<Check> {
  let ds;
  try {
    ds = await openDataSource(config.DATABASE_URL, { migrate: false });
  } catch (err) {
    return fail(DOCTOR.dbUnreachable(transportDetail(err)));
  }
  try {
    const applied = await schema(ds).appliedMigrations();
    const known = MIGRATIONS.map((m) => new m().name ?? m.name);
    const newer = applied.filter((n) => !known.includes(n));
    if (newer.length) return fail(DOCTOR.dbNewer(newer));
    const pending = known.filter((n) => !applied.includes(n));
    if (pending.length) return fail(DOCTOR.dbPending(pending));
    // Writable: one row written and rolled back, so nothing is left behind.
    const qr = ds.createQueryRunner();
    try {
      await qr.startTransaction();
      await settings(qr.manager).insert({ key: `doctor.probe.${process.pid}.${Date.now()}`, value: 'x' });
      await qr.rollbackTransaction();
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      return fail(DOCTOR.dbReadOnly(transportDetail(err)));
    } finally {
      await qr.release();
    }
    return pass(DOCTOR.dbOk(known[known.length - 1], dialectOf(config.DATABASE_URL) === 'mysql' ? 'MySQL' : 'SQLite'));
  } finally {
    await ds.destroy();
  }
}

/** Token with AppKey/AppSecret, then a group send to a conversation that cannot exist: it shows robot code and permission. */
export async function checkDingtalk(config: Config): Promise<Check[]> {
  if (!config.dingtalk) return [skip(DOCTOR.dtNotConfigured)];
  const base = config.DINGTALK_API_BASE.replace(/\/+$/, '');
  let token: string;
  try {
    const res = await request(`${base}/v1.0/oauth2/accessToken`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: config.dingtalk.appKey, appSecret: config.dingtalk.appSecret }),
    });
    if (res.status !== 200 || typeof res.json?.accessToken !== 'string') return [fail(DOCTOR.dtTokenRejected(String(res.json?.code ?? `HTTP ${res.status}`)))];
    token = res.json.accessToken;
  } catch (err) {
    return [fail(DOCTOR.dtUnreachable(base, transportDetail(err)))];
  }
  const checks = [pass(DOCTOR.dtTokenOk)];
  if (!config.dingtalk.robotCode) return [...checks, fail(DOCTOR.dtNoRobotCode)];
  try {
    const res = await request(`${base}/v1.0/robot/groupMessages/send`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': token },
      body: JSON.stringify({ robotCode: config.dingtalk.robotCode, openConversationId: 'cid-doctor-dry-run-no-such-group', msgKey: 'sampleText', msgParam: JSON.stringify({ content: 'doctor' }) }),
    });
    const code = String(res.json?.code ?? `HTTP ${res.status}`);
    const detail = `${code} ${String(res.json?.message ?? '')} ${JSON.stringify(res.json?.accessdenieddetail ?? '')}`;
    if (res.status === 403 || /Forbidden|AccessDenied|PermissionDenied|qyapi_robot_sendmsg|requiredScopes/i.test(detail)) checks.push(fail(DOCTOR.dtNoPermission(code)));
    else if (/robotCode|robot\s*不存在|robot.*not.?exist|bot\.stopped/i.test(detail)) checks.push(fail(DOCTOR.dtBadRobot(code)));
    // The conversation is unknown by design: that answer means the robot and the permission were accepted.
    else if (res.status === 200 || /openConversationId|conversation|chat/i.test(detail)) checks.push(pass(DOCTOR.dtSendOk));
    else checks.push(fail(DOCTOR.dtSendUnknown(code)));
  } catch (err) {
    checks.push(fail(DOCTOR.dtUnreachable(base, transportDetail(err))));
  }
  return checks;
}

/** Each WeCom webhook key stored per group, probed with upload_media (it stores a temporary file, posts nothing). */
export async function checkWecomKeys(config: Config): Promise<Check[]> {
  let groups: { name: string | null; pushKind: string | null; pushTarget: string | null }[];
  const ds = await openDataSource(config.DATABASE_URL, { migrate: false });
  try {
    groups = await pushGroups(ds).withCredential(['wecom_webhook', 'dingtalk_custom']);
  } finally {
    await ds.destroy();
  }
  const base = config.WECOM_API_BASE.replace(/\/+$/, '');
  const checks: Check[] = [];
  for (const g of groups) {
    const name = g.name ?? '未命名群';
    const key = g.pushTarget ?? '';
    if (g.pushKind === 'dingtalk_custom') {
      checks.push(skip(DOCTOR.dtCustom(name)));
      continue;
    }
    const form = new FormData();
    form.append('media', new Blob([Buffer.from('campus-safety-bot doctor\n')], { type: 'text/plain' }), 'doctor.txt');
    try {
      const res = await request(`${base}/cgi-bin/webhook/upload_media?key=${encodeURIComponent(key)}&type=file`, { method: 'POST', body: form });
      const errcode = Number(res.json?.errcode ?? -2);
      if (res.status === 200 && errcode === 0) checks.push(pass(DOCTOR.wcKeyOk(name, maskSecret(key))));
      else checks.push(fail(DOCTOR.wcKeyDead(name, maskSecret(key), res.json?.errcode !== undefined ? `errcode ${errcode}` : `HTTP ${res.status}`)));
    } catch (err) {
      checks.push(fail(DOCTOR.wcUnreachable(base, transportDetail(err))));
    }
  }
  return checks.length ? checks : [skip(DOCTOR.wcNoKeys)];
}

/** A one-token chat completion against OPENAI_BASE_URL. */
export async function checkModel(config: Config): Promise<Check> {
  if (!config.llm) return skip(DOCTOR.llmNotConfigured);
  const { default: OpenAI, APIError, APIConnectionError } = await import('openai');
  const base = config.llm.baseURL ?? 'https://api.openai.com/v1';
  const client = new OpenAI({ apiKey: config.llm.apiKey, baseURL: config.llm.baseURL, timeout: Math.min(config.llm.timeoutMs, TIMEOUT_MS), maxRetries: 0 });
  try {
    await client.chat.completions.create({ model: config.llm.model, messages: [{ role: 'user', content: '回复：好' }], max_tokens: 1 });
    return pass(DOCTOR.llmOk(config.llm.model));
  } catch (err: any) {
    if (err instanceof APIConnectionError) return fail(DOCTOR.llmDead(base, transportDetail(err.cause ?? err)));
    if (err instanceof APIError && (err.status === 401 || err.status === 403)) return fail(DOCTOR.llmRejectedKey(err.status));
    if (err instanceof APIError && err.status === 404) return fail(DOCTOR.llmNoModel(config.llm.model, err.status));
    if (err instanceof APIError && typeof err.status === 'number') return fail(DOCTOR.llmError(err.status));
    return fail(DOCTOR.llmDead(base, transportDetail(err)));
  }
}

export async function checkPublicUrl(config: Config): Promise<Check> {
  if (!config.PUBLIC_BASE_URL) return skip(DOCTOR.publicNotSet);
  const url = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  try {
    const res = await request(`${url}/healthz`);
    return res.status === 200 ? pass(DOCTOR.publicOk(url)) : fail(DOCTOR.publicBad(url, `HTTP ${res.status}`));
  } catch (err) {
    return fail(DOCTOR.publicBad(url, transportDetail(err)));
  }
}

export async function runDoctor(config: Config): Promise<Check[]> {
  const db = await checkDatabase(config);
  const wecom = db.ok ? await checkWecomKeys(config) : [];
  const [dingtalk, model, publicUrl] = await Promise.all([checkDingtalk(config), checkModel(config), checkPublicUrl(config)]);
  return [db, ...dingtalk, ...wecom, model, publicUrl];
}
