import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps } from './deps';
import { HttpError, readRawBody } from './body';
import { openEnvelope, sealJsonReply, WecomCryptoError } from '../platforms/wecom/crypto';
import { wecomUpdateCardReply } from '../platforms/wecom/template-card';
import { takeTapCard } from '../services/cards/passive-reply';
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

/**
 * Tries every configured receiver whose signature matches, in the order given (the likelier one for the request's
 * shape first): the app (receiveid = corp id) and the 智能机器人 ("") may share the URL, the Token and even the key,
 * so a matching signature with a failed decrypt or another receiveid means "try the next one", not "forged". Refused
 * only when none opens it: 401 when no signature matched, 403 when one did but nothing decrypted for its receiver.
 */
function open(deps: AppDeps, q: ReturnType<typeof query>, encrypted: string, flavours: Receiver['flavour'][]): { plain: string; r: Receiver } {
  const all = receivers(deps);
  let signed: string | null = null;
  for (const flavour of flavours) {
    for (const r of all.filter((x) => x.flavour === flavour)) {
      try {
        return { plain: openEnvelope(r, r.receiveId, q, encrypted), r };
      } catch (err) {
        if (!(err instanceof WecomCryptoError)) throw err;
        if (err.reason !== 'signature') signed ??= `${r.flavour}: ${err.message}`;
      }
    }
  }
  if (signed) throw new HttpError(403, signed);
  throw new HttpError(all.length ? 401 : 404, all.length ? 'msg_signature mismatch' : 'no WeCom receiver configured');
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
    let receiver: Receiver | undefined;
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
        receiver = r;
        msg = r.flavour === 'bot' ? decodeAibotJson(plain, now) : decodeAppJson(plain, now);
      } else if (trimmed.startsWith('<')) {
        const env = parseXml(raw);
        const encrypted = typeof env.Encrypt === 'string' ? env.Encrypt : '';
        if (!encrypted) throw new HttpError(400, 'missing <Encrypt>');
        const { plain, r } = open(deps, q, encrypted, ['app', 'bot']);
        receiver = r;
        msg = r.flavour === 'app' ? decodeAppXml(plain, now) : decodeAibotJson(plain, now);
      } else {
        throw new HttpError(400, 'body is neither XML nor JSON');
      }
    } catch (err) {
      if (err instanceof WecomPayloadError) throw new HttpError(400, err.message);
      throw err;
    }
    const fresh = msg ? (await deps.accept(msg)) === 'new' : false;
    ctx.status = 200;
    // A 智能机器人 card tap is posted once and the card is updated only by this response (doc 101027/101031): the tap
    // is processed off this path as usual, and if its answer is a card within the wait, it goes back here, encrypted.
    if (fresh && msg?.tap?.taskId && receiver?.flavour === 'bot') {
      const card = await takeTapCard(deps.ds, msg, () => deps.clock.now());
      if (card) {
        ctx.type = 'application/json';
        ctx.body = sealJsonReply(receiver, JSON.stringify(wecomUpdateCardReply({ ...card, taskId: msg.tap.taskId })), q.nonce, deps.clock.now());
        return;
      }
    }
    // Empty 200 = received; the answer follows via response_url or the group push (wecom.md §4).
    ctx.body = '';
  });
}

