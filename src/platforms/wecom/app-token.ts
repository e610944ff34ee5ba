// access_token of the WeCom self-built app (wecom.md §5.3, doc 91039): GET /cgi-bin/gettoken?corpid=&corpsecret=
// → {errcode:0, access_token, expires_in:7200}. WeCom blocks callers that fetch too often (45009), so: one cached
// token per app, refreshed a little before expiry, one fetch in flight at a time, dropped when an API call says
// it is bad (40014 invalid, 42001 expired: WeCom may invalidate a token early).
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../../services/clock';
import { classifyWecomErrcode, isTransientStatus, pushFailure, redactText, type PushFailure } from '../push-result';

export const WECOM_TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;
/** errcodes that mean "this access_token is no longer good": refetch once and retry. */
export const WECOM_TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 42001]);

export interface WecomAppCredentials {
  corpId: string;
  /** The app's Secret: a credential. */
  secret: string;
}
export type WecomTokenOutcome = { ok: true; token: string } | PushFailure;

interface Entry {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

export class WecomTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<WecomTokenOutcome>>();
  private readonly apiBase: string;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  /** How many times gettoken was called (for the operator and for tests). */
  fetches = 0;

  constructor(opts: { apiBase: string; clock?: Clock; timeoutMs?: number }) {
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.apiBase = opts.apiBase.replace(/\/+$/, '');
    this.clock = opts.clock ?? systemClock;
  }

  async get(app: WecomAppCredentials): Promise<WecomTokenOutcome> {
    const id = keyOf(app);
    const entry = this.entries.get(id);
    if (entry && this.clock.now() < entry.refreshAt) return { ok: true, token: entry.token };
    let pending = this.inflight.get(id);
    if (!pending) {
      pending = this.fetchToken(app, id).finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    const fresh = await pending;
    // A failed early refresh is not fatal while the old token is still valid.
    if (!fresh.ok && entry && this.clock.now() < entry.expiresAt) return { ok: true, token: entry.token };
    return fresh;
  }

  /** Only drops `token` if it is still the cached one: a late failure cannot discard a token just fetched. */
  invalidate(app: WecomAppCredentials, token: string): void {
    const id = keyOf(app);
    if (this.entries.get(id)?.token === token) this.entries.delete(id);
  }

  private async fetchToken(app: WecomAppCredentials, id: string): Promise<WecomTokenOutcome> {
    this.fetches++;
    const secrets = [app.secret];
    const url = `${this.apiBase}/cgi-bin/gettoken?corpid=${encodeURIComponent(app.corpId)}&corpsecret=${encodeURIComponent(app.secret)}`;
    let status: number;
    let json: any;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      status = res.status;
      json = await res.json().catch(() => undefined);
    } catch (err: any) {
      const timeout = err?.name === 'TimeoutError' || err?.name === 'AbortError';
      return pushFailure(timeout ? 'TIMEOUT' : 'NETWORK', redactText(`wecom gettoken: ${err?.cause?.code ?? err?.message ?? err}`, secrets), true);
    }
    if (typeof json?.errcode === 'number' && json.errcode !== 0) {
      const f = classifyWecomErrcode(json.errcode, String(json.errmsg ?? ''), secrets);
      return f.ok ? pushFailure('BAD_RESPONSE', 'wecom gettoken: no token', true) : { ...f, message: `gettoken: ${f.message}` };
    }
    if (typeof json?.access_token !== 'string' || !json.access_token || typeof json.expires_in !== 'number') {
      return pushFailure(status >= 400 ? `HTTP_${status}` : 'BAD_RESPONSE', `wecom gettoken: unexpected answer (HTTP ${status})`, isTransientStatus(status) || status < 400);
    }
    const now = this.clock.now();
    const lifetime = json.expires_in * 1000;
    const refreshIn = Math.max(lifetime - WECOM_TOKEN_REFRESH_MARGIN_MS, lifetime / 2);
    this.entries.set(id, { token: json.access_token, refreshAt: now + refreshIn, expiresAt: now + lifetime });
    return { ok: true, token: json.access_token };
  }
}

const keyOf = (app: WecomAppCredentials) => `${app.corpId}:${createHash('sha256').update(app.secret).digest('hex').slice(0, 16)}`;
