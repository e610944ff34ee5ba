import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps } from './deps';
import { HttpError, readRawBody } from './body';
import { openEnvelope, WecomCryptoError } from '../platforms/wecom/crypto';
import { decodeAibotJson, decodeAppJson, decodeAppXml, parseXml, WecomPayloadError } from '../platforms/wecom/decode';
import type { IncomingMessage } from '../platforms/types';

type Receiver = { flavour: 'app' | 'bot'; token: string; aesKey: string; receiveId: string };

function receivers(deps: AppDeps): Receiver[] {
  const out: Receiver[] = [];
  const { wecomApp, wecomBot } = deps.config;
  if (wecomApp) out.push({ flavour: 'app', token: wecomApp.token, aesKey: wecomApp.aesKey, receiveId: wecomApp.corpId });
  if (wecomBot) out.push({ flavour: 'bot', token: wecomBot.token, aesKey: wecomBot.aesKey, receiveId: '' });
  return out;
}

/**
 * WeCom signs the timestamp (seconds) with the ciphertext but sets no window; its retries come within seconds of
 * the first try. A callback further than this from our clock is a replay of a captured request and is refused.
 */
export const WECOM_MAX_SKEW_MS = 10 * 60 * 1000;
/** Refused unread when declared larger (a lower limit reset pooled keep-alive connections of innocent requests in the fuzz). */
export const WECOM_MAX_BODY = 1024 * 1024;

function query(ctx: Context, now: number): { msg_signature: string; timestamp: string; nonce: string } {
  const q = ctx.query;
  const one = (v: unknown) => (typeof v === 'string' ? v : '');
  const out = { msg_signature: one(q.msg_signature), timestamp: one(q.timestamp), nonce: one(q.nonce) };
  if (!out.msg_signature || !out.timestamp || !out.nonce) throw new HttpError(400, 'missing msg_signature, timestamp or nonce');
  // Checked before the body is read: a stale or nonsensical timestamp costs nothing.
  if (!/^\d{1,12}$/.test(out.timestamp) || Math.abs(now - Number(out.timestamp) * 1000) > WECOM_MAX_SKEW_MS) {
    throw new HttpError(403, 'timestamp outside the 10 min window');
  }
  return out;
}

/** Tries each configured receiver whose signature matches: the app (corp id) and the 智能机器人 ("") may share the URL. */
function open(deps: AppDeps, q: ReturnType<typeof query>, encrypted: string, flavours: Receiver['flavour'][]): { plain: string; r: Receiver } {
  let lastReason = 'no WeCom receiver configured';
  for (const r of receivers(deps).filter((x) => flavours.includes(x.flavour))) {
    try {
      return { plain: openEnvelope(r, r.receiveId, q, encrypted), r };
    } catch (err) {
      if (!(err instanceof WecomCryptoError)) throw err;
      lastReason = err.message;
      if (err.reason !== 'signature') throw new HttpError(403, err.message); // signature matched: a genuine key mismatch
    }
  }
  throw new HttpError(receivers(deps).length ? 401 : 404, lastReason);
}

export function mountWecom(router: Router, deps: AppDeps): void {
  // URL verification: answer the bare plaintext within 1 s (wecom.md §1, gotcha 6).
  router.get('/webhooks/wecom', (ctx) => {
    const q = query(ctx, deps.clock.now());
    const echostr = typeof ctx.query.echostr === 'string' ? ctx.query.echostr : '';
    if (!echostr) throw new HttpError(400, 'missing echostr');
    const { plain } = open(deps, q, echostr, ['app', 'bot']);
    ctx.type = 'text/plain';
    ctx.body = plain;
  });

  router.post('/webhooks/wecom', async (ctx) => {
    const now = deps.clock.now();
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > WECOM_MAX_BODY) throw new HttpError(413, 'body too large');
    const q = query(ctx, now);
    const raw = await readRawBody(ctx, WECOM_MAX_BODY);
    const trimmed = raw.trimStart();
    let msg: IncomingMessage | undefined;
    try {
      if (trimmed.startsWith('{')) {
        let env: any;
        try {
          env = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'malformed JSON envelope');
        }
        const encrypted = typeof env?.encrypt === 'string' ? env.encrypt : '';
        if (!encrypted) throw new HttpError(400, 'missing encrypt');
        const { plain, r } = open(deps, q, encrypted, ['bot', 'app']);
        msg = r.flavour === 'bot' ? decodeAibotJson(plain, now) : decodeAppJson(plain, now);
      } else if (trimmed.startsWith('<')) {
        const env = parseXml(raw);
        const encrypted = typeof env.Encrypt === 'string' ? env.Encrypt : '';
        if (!encrypted) throw new HttpError(400, 'missing <Encrypt>');
        const { plain, r } = open(deps, q, encrypted, ['app', 'bot']);
        msg = r.flavour === 'app' ? decodeAppXml(plain, now) : decodeAibotJson(plain, now);
      } else {
        throw new HttpError(400, 'body is neither XML nor JSON');
      }
    } catch (err) {
      if (err instanceof WecomPayloadError) throw new HttpError(400, err.message);
      throw err;
    }
    if (msg) await deps.accept(msg);
    // Empty 200 = received; the answer follows via response_url or the group push (wecom.md §4).
    ctx.status = 200;
    ctx.body = '';
  });
}

