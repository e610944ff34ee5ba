// Access tokens for the DingTalk v1.0 APIs (dingtalk.md §4): POST /v1.0/oauth2/accessToken
// {appKey, appSecret} → {accessToken, expireIn: 7200}. DingTalk rate-limits this endpoint and asks
// callers to cache, so: one cached token per appKey, refreshed a little before expiry, one fetch in
// flight at a time, and dropped when an API call says the token is bad.
import { z } from 'zod';
import { systemClock, type Clock } from '../../services/clock';
import { classifyDingtalkApiError, postJson, pushFailure, type PushFailure } from '../push-result';

export const DINGTALK_API_BASE = 'https://api.dingtalk.com';
export const DEFAULT_TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export interface DingtalkAppCredentials {
  appKey: string;
  appSecret: string;
}
export type TokenOutcome = { ok: true; token: string } | PushFailure;

/** What a sender needs: a token, and a way to report it as rejected. Holds no secret itself. */
export interface DingtalkTokenSource {
  get(): Promise<TokenOutcome>;
  invalidate(token: string): void;
}

export interface DingtalkTokenCacheOptions {
  /** Defaults to DINGTALK_API_BASE. */
  apiBase?: string;
  /** Injected clock so tests can jump past expiry. */
  clock?: Clock;
  /** Refresh this long before expiry (default 5 min). */
  refreshMarginMs?: number;
  timeoutMs?: number;
}

interface Entry {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

const TokenResponse = z.object({ accessToken: z.string().min(1), expireIn: z.number().positive() });

export class DingtalkTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<TokenOutcome>>();
  private readonly apiBase: string;
  private readonly clock: Clock;
  private readonly marginMs: number;
  private readonly timeoutMs: number | undefined;

  constructor(opts: DingtalkTokenCacheOptions = {}) {
    this.apiBase = (opts.apiBase ?? DINGTALK_API_BASE).replace(/\/+$/, '');
    this.clock = opts.clock ?? systemClock;
    this.marginMs = opts.refreshMarginMs ?? DEFAULT_TOKEN_REFRESH_MARGIN_MS;
    this.timeoutMs = opts.timeoutMs;
  }

  async get(app: DingtalkAppCredentials): Promise<TokenOutcome> {
    const entry = this.entries.get(app.appKey);
    const now = this.clock.now();
    if (entry && now < entry.refreshAt) return { ok: true, token: entry.token };
    let pending = this.inflight.get(app.appKey);
    if (!pending) {
      pending = this.fetchToken(app).finally(() => this.inflight.delete(app.appKey));
      this.inflight.set(app.appKey, pending);
    }
    const fresh = await pending;
    // A failed early refresh is not fatal while the old token is still valid.
    if (!fresh.ok && entry && this.clock.now() < entry.expiresAt) return { ok: true, token: entry.token };
    return fresh;
  }

  /**
   * Forget the cached token after an auth error. With `token`, only if it is still the cached one, so a
   * late failure of an old request cannot throw away a token another caller has just fetched.
   */
  invalidate(appKey: string, token?: string): void {
    const entry = this.entries.get(appKey);
    if (entry && (token === undefined || entry.token === token)) this.entries.delete(appKey);
  }

  forApp(app: DingtalkAppCredentials): DingtalkTokenSource {
    return { get: () => this.get(app), invalidate: (token) => this.invalidate(app.appKey, token) };
  }

  private async fetchToken(app: DingtalkAppCredentials): Promise<TokenOutcome> {
    const secrets = [app.appSecret];
    const out = await postJson(
      `${this.apiBase}/v1.0/oauth2/accessToken`,
      { appKey: app.appKey, appSecret: app.appSecret },
      { timeoutMs: this.timeoutMs, secrets },
    );
    if (!out.ok) return out.failure;
    const { status, json } = out.response;
    if (status < 200 || status >= 300) return classifyDingtalkApiError(status, json, secrets);
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success) return pushFailure('BAD_RESPONSE', 'dingtalk accessToken: unexpected answer', true);
    const fetchedAt = this.clock.now();
    const lifetime = parsed.data.expireIn * 1000;
    // Short-lived tokens (never seen, but cheap to handle): refresh at half-life instead of going negative.
    const refreshIn = Math.max(lifetime - this.marginMs, lifetime / 2);
    const token = parsed.data.accessToken;
    this.entries.set(app.appKey, { token, refreshAt: fetchedAt + refreshIn, expiresAt: fetchedAt + lifetime });
    return { ok: true, token };
  }
}
