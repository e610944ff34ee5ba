// Generated webhook requests for the fuzz test: each case says what a correct bot must answer. Everything
// random comes from the seeded Rng, so FUZZ_SEED reproduces a run exactly (timestamps aside).
import { encrypt, getSignature } from '@wecom/crypto';
import { dingtalkInboundSign } from '../../../src/platforms/dingtalk/sign';
import { CREDS, uniqueMs } from '../../helpers/platform-sim';
import type { RawRequest } from './http';
import type { Rng } from './rng';

export interface FuzzCase extends RawRequest {
  kind: string;
  /** refuse: any 4xx (or exactly `status`); accept: 200 and stored once; nostore: 200, nothing stored; replay: 200, no new row. */
  expect: 'refuse' | 'accept' | 'nostore' | 'replay';
  status?: number[];
  /** (platform, msgId) a genuine case stores. */
  msgId?: string;
  /** The server may answer and close before reading a huge body: a reset connection is an acceptable refusal. */
  mayReset?: boolean;
}

const ONE_MIB = 1024 * 1024;
const CONTENT_TYPES = ['application/json', 'text/xml', 'application/xml', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png', ''];
const INVALID_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe]), Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from([0xe2, 0x82])];

function flipHexChar(s: string, rng: Rng): string {
  const i = rng.int(0, s.length - 1);
  const v = parseInt(s[i], 16);
  // Flip one bit of the nibble: always a different hex value, never a mere change of case.
  const nv = v ^ (1 << rng.int(0, 3));
  return s.slice(0, i) + nv.toString(16) + s.slice(i + 1);
}

function flipBitInString(s: string, rng: Rng): string {
  const b = Buffer.from(s, 'latin1');
  const i = rng.int(0, b.length - 1);
  b[i] ^= 1 << rng.int(0, 6);
  return b.toString('latin1');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Another base64 character at one position: still a legal header value, never the same string. */
function changeBase64Char(s: string, rng: Rng): string {
  const i = rng.int(0, s.length - 1);
  let ch = s[i];
  while (ch === s[i]) ch = B64[rng.int(0, 63)];
  return s.slice(0, i) + ch + s.slice(i + 1);
}

function withInvalidUtf8(text: string, rng: Rng): Buffer {
  const b = Buffer.from(text, 'utf8');
  const at = rng.int(0, b.length);
  return Buffer.concat([b.subarray(0, at), rng.pick(INVALID_UTF8), b.subarray(at)]);
}

export class FuzzFactory {
  private n = 0;
  private readonly genuine: FuzzCase[] = [];
  constructor(private readonly rng: Rng, private readonly fakeUrl: string, private readonly runId: string) {}

  private msgId(p: string): string {
    return `${p}-${this.runId}-${++this.n}`;
  }

  private nonce(): string {
    return String(this.rng.int(1, 2 ** 31));
  }

  private tsSec(): string {
    return String(Math.floor(Date.now() / 1000));
  }

  aibotPlain(msgId: string, extra: Record<string, unknown> = {}): string {
    return JSON.stringify({
      msgid: msgId, aibotid: 'AIBOT', chatid: `fz-wc-${this.rng.int(1, 5)}`, chattype: 'group', from: { userid: `u${this.rng.int(1, 20)}` },
      response_url: `${this.fakeUrl}/cgi-bin/aibot/response?response_code=${this.rng.alnum(12)}`, msgtype: 'text', text: { content: '@安全助手 /帮助' }, ...extra,
    });
  }

  appXmlPlain(msgId: string): string {
    return `<xml><ToUserName><![CDATA[${CREDS.wecomApp.corpId}]]></ToUserName><FromUserName><![CDATA[fzuser${this.rng.int(1, 9)}]]></FromUserName><CreateTime>${this.tsSec()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[/我是谁]]></Content><MsgId>${msgId}</MsgId><AgentID>218</AgentID></xml>`;
  }

  /** A 智能机器人 POST: the JSON envelope, signed over the ciphertext. */
  /** `cipher` mutates the ciphertext after signing (the signature stays that of the original). */
  wecomPost(plain: string, o: { key?: string; token?: string; receiveId?: string; ts?: string; nonce?: string; cipher?: (c: string) => string; envelope?: (enc: string) => string; sig?: (s: string) => string } = {}) {
    const enc0 = encrypt(o.key ?? CREDS.wecomBot.aesKey, plain, o.receiveId ?? '', this.rng.bytes(16));
    const enc = o.cipher ? o.cipher(enc0) : enc0;
    const ts = o.ts ?? this.tsSec();
    const nonce = o.nonce ?? this.nonce();
    const sig0 = getSignature(o.token ?? CREDS.wecomBot.token, ts, nonce, enc0);
    const sig = o.sig ? o.sig(sig0) : sig0;
    return { path: `/webhooks/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=${nonce}`, body: o.envelope ? o.envelope(enc) : JSON.stringify({ encrypt: enc }), enc, sig, ts, nonce };
  }

  /** A self-built app POST: the XML envelope (receiveid = corp id). */
  wecomAppPost(plain: string, o: { receiveId?: string; key?: string; sig?: (s: string) => string } = {}) {
    const enc = encrypt(o.key ?? CREDS.wecomApp.aesKey, plain, o.receiveId ?? CREDS.wecomApp.corpId, this.rng.bytes(16));
    const ts = this.tsSec();
    const nonce = this.nonce();
    const sig0 = getSignature(CREDS.wecomApp.token, ts, nonce, enc);
    const sig = o.sig ? o.sig(sig0) : sig0;
    return { path: `/webhooks/wecom?msg_signature=${sig}&timestamp=${ts}&nonce=${nonce}`, body: `<xml><ToUserName><![CDATA[${CREDS.wecomApp.corpId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>` };
  }

  dtBody(msgId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Date.now();
    const user = `fzdt${this.rng.int(1, 20)}`;
    return {
      conversationId: `cid-fz-${this.rng.int(1, 5)}`, conversationType: '2', conversationTitle: '模糊测试群', msgId, senderNick: user, senderStaffId: user,
      senderId: `$:LWCP_v1:$${user}`, isInAtList: true, chatbotUserId: 'bot', robotCode: CREDS.dingtalk.robotCode, createAt: now,
      sessionWebhook: `${this.fakeUrl}/robot/sendBySession?session=${this.rng.alnum(16)}`, sessionWebhookExpiredTime: now + 90 * 60_000,
      msgtype: 'text', text: { content: ' /帮助' }, ...extra,
    };
  }

  dtHeaders(o: { ts?: string; secret?: string; sign?: (s: string) => string; contentType?: string } = {}): Record<string, string> {
    const ts = o.ts ?? String(uniqueMs(Date.now()));
    const sign0 = dingtalkInboundSign(ts, o.secret ?? CREDS.dingtalk.appSecret);
    const h: Record<string, string> = { timestamp: ts, sign: o.sign ? o.sign(sign0) : sign0 };
    const ct = o.contentType ?? 'application/json';
    if (ct) h['content-type'] = ct;
    return h;
  }

  private ct(): Record<string, string> {
    const c = this.rng.pick(CONTENT_TYPES);
    return c ? { 'content-type': c } : {};
  }

  /** One generated request. About 4% are genuine controls so the harness itself is proven able to pass one. */
  next(): FuzzCase {
    const r = this.rng.next();
    if (r < 0.02) return this.genuineWecom();
    if (r < 0.04) return this.genuineDingtalk();
    if (r < 0.05 && this.genuine.length) return this.replay();
    return this.rng.chance(0.5) ? this.forgedWecom() : this.forgedDingtalk();
  }

  private remember(c: FuzzCase): FuzzCase {
    if (c.expect === 'accept') this.genuine.push(c);
    return c;
  }

  private replay(): FuzzCase {
    const g = this.rng.pick(this.genuine);
    // A platform retry: the same message again. DingTalk signs each delivery afresh; WeCom resends as is.
    const headers = g.path.startsWith('/webhooks/dingtalk') ? { ...g.headers, ...this.dtHeaders() } : g.headers;
    return { ...g, headers, kind: `replay:${g.kind}`, expect: 'replay' };
  }

  genuineWecom(): FuzzCase {
    const id = this.msgId('wc');
    const v = this.rng.int(0, 3);
    if (v === 0) {
      const p = this.wecomAppPost(this.appXmlPlain(id));
      return this.remember({ kind: 'genuine:wecom-app-xml', method: 'POST', path: p.path, body: p.body, headers: { 'content-type': 'text/xml' }, expect: 'accept', msgId: id });
    }
    // A genuinely signed callback whose timestamp is far from now is a replay (the bot keeps a 10 min window).
    if (v === 1) {
      const stale = this.wecomPost(this.aibotPlain(id, {}), { ts: String(this.rng.pick([1409659813 + this.rng.int(0, 1e6), Math.floor(Date.now() / 1000) - this.rng.int(700, 40 * 86400), Math.floor(Date.now() / 1000) + this.rng.int(700, 86400)])) });
      return { kind: 'wecom:stale-ts-genuine', method: 'POST', path: stale.path, body: stale.body, headers: this.ct(), expect: 'refuse', status: [403] };
    }
    const ts = undefined;
    const extra = v === 2 ? { unknown_field: { nested: [1, 2, 3] }, quote: { msgtype: 'text', text: { content: 'x' } } } : {};
    const p = this.wecomPost(this.aibotPlain(id, extra), { ts, envelope: v === 3 ? (enc) => JSON.stringify({ tousername: 'x', encrypt: enc, agentid: 218, extra: true }) : undefined });
    return this.remember({ kind: `genuine:wecom-bot${ts ? '-stale-ts' : ''}${v === 2 ? '-extra-fields' : ''}${v === 3 ? '-extra-envelope' : ''}`, method: 'POST', path: p.path, body: p.body, headers: this.ct(), expect: 'accept', msgId: id });
  }

  genuineDingtalk(): FuzzCase {
    const id = this.msgId('dt');
    const v = this.rng.int(0, 3);
    const extra: Record<string, unknown> = v === 1 ? { someNewField: { a: [1] }, atUsers: [{ dingtalkId: 'x' }] } : v === 2 ? { isInAtList: false } : {};
    if (v === 3) extra.text = { content: ` /帮助 ${'长文本'.repeat(this.rng.chance(0.2) ? this.rng.int(20_000, 100_000) : this.rng.int(100, 3000))}` }; // up to 900 KB, under 1 MiB
    return this.remember({
      kind: `genuine:dingtalk${['', '-extra-fields', '-not-mentioned', '-huge-text'][v]}`, method: 'POST', path: '/webhooks/dingtalk',
      headers: this.dtHeaders({ contentType: this.rng.pick(CONTENT_TYPES) }), body: JSON.stringify(this.dtBody(id, extra)), expect: 'accept', msgId: id,
    });
  }

  forgedWecom(): FuzzCase {
    const rng = this.rng;
    const id = this.msgId('wcx');
    const kinds = [
      'sig-bitflip', 'sig-truncated', 'cipher-bitflip', 'cipher-truncated-resigned', 'wrong-key', 'wrong-token', 'wrong-receiveid-bot', 'wrong-receiveid-app',
      'app-sig-bitflip', 'xml-entity', 'xml-deep', 'xml-malformed', 'invalid-utf8', 'missing-query', 'duplicate-query', 'missing-encrypt', 'encrypt-not-string',
      'extra-fields-forged', 'stale-ts-forged', 'future-ts-forged', 'empty', 'junk', 'decrypted-not-json', 'decrypted-missing-fields',
      'decrypted-event', 'get-forged', 'get-missing-echostr', 'get-genuine', 'json-deep', 'cipher-not-base64-resigned', 'xml-encrypt-array',
    ] as const;
    // Bodies over 1 MiB are rare: each costs a megabyte on the wire.
    const k = rng.chance(0.015) ? rng.pick(['huge', 'huge-chunked'] as const) : rng.pick(kinds);
    const big = rng.chance(0.05);
    const base = (o: Parameters<FuzzFactory['wecomPost']>[1] = {}) => this.wecomPost(this.aibotPlain(id), o);
    const post = (p: { path: string; body: string | Buffer }, status?: number[], extra: Partial<FuzzCase> = {}): FuzzCase => ({
      kind: `wecom:${k}`, method: 'POST', path: p.path, body: p.body, headers: this.ct(), expect: 'refuse', status, ...extra,
    });
    switch (k) {
      case 'sig-bitflip':
        return post(base({ sig: (s) => flipHexChar(s, rng) }), [401]);
      case 'sig-truncated':
        return post(base({ sig: (s) => (rng.chance(0.5) ? s.slice(0, rng.int(0, 39)) || 'a' : s + rng.pick(['0', 'ab', 'ffff'])) }), [401]);
      case 'cipher-bitflip':
        return post(base({ cipher: (c) => flipBitInString(c, rng) }), [400, 401]);
      case 'cipher-truncated-resigned': {
        // Re-signed with the right token after truncation: the signature holds, the ciphertext cannot be opened.
        let cut = (c: string) => {
          for (;;) {
            const L = rng.int(1, c.length - 1);
            const s = c.slice(0, L);
            if (L % 4 !== 0) return s;
            const bytes = Buffer.from(s, 'base64').length;
            if (bytes % 16 !== 0) return s;
          }
        };
        const enc = encrypt(CREDS.wecomBot.aesKey, this.aibotPlain(id), '', rng.bytes(16));
        const truncated = cut(enc);
        const ts = this.tsSec(), nonce = this.nonce();
        return post({ path: `/webhooks/wecom?msg_signature=${getSignature(CREDS.wecomBot.token, ts, nonce, truncated)}&timestamp=${ts}&nonce=${nonce}`, body: JSON.stringify({ encrypt: truncated }) }, [403]);
      }
      case 'cipher-not-base64-resigned': {
        const enc = encrypt(CREDS.wecomBot.aesKey, this.aibotPlain(id), '', rng.bytes(16));
        const bad = enc.slice(0, 8) + rng.pick(['-', '_', ' ', '%', '!', '\u00e9', '==']) + enc.slice(9);
        const ts = this.tsSec(), nonce = this.nonce();
        return post({ path: `/webhooks/wecom?msg_signature=${getSignature(CREDS.wecomBot.token, ts, nonce, bad)}&timestamp=${ts}&nonce=${nonce}`, body: JSON.stringify({ encrypt: bad }) }, [403]);
      }
      case 'wrong-key':
        return post(base({ key: rng.alnum(43) }), [403]);
      case 'wrong-token':
        return post(base({ token: rng.alnum(rng.int(3, 32)) }), [401]);
      case 'wrong-receiveid-bot':
        return post(base({ receiveId: rng.pick([CREDS.wecomApp.corpId, 'ww' + rng.alnum(16), ' ', '\u0000']) }), [403]);
      case 'wrong-receiveid-app':
        return post(this.wecomAppPost(this.appXmlPlain(id), { receiveId: rng.pick(['', 'wx' + rng.alnum(16), CREDS.wecomApp.corpId + 'x']) }), [403]);
      case 'app-sig-bitflip':
        return post(this.wecomAppPost(this.appXmlPlain(id), { sig: (s) => flipHexChar(s, rng) }), [401]);
      case 'xml-entity': {
        const bodies = [
          `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>`,
          `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><xml><Encrypt>&lol3;</Encrypt></xml>`,
          `<!doctype xml [<!entity x SYSTEM "http://127.0.0.1:1/">]><xml><Encrypt>&x;</Encrypt></xml>`,
          `<xml><!DOCTYPE a><Encrypt>abcd</Encrypt></xml>`,
          `<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:1/evil.dtd"><xml><Encrypt>abcd</Encrypt></xml>`,
        ];
        return post({ path: base().path, body: rng.pick(bodies) }, [400]);
      }
      case 'xml-deep': {
        const n = big ? 100_000 : rng.pick([101, 150, 1000, 20_000]);
        const closed = rng.chance(0.7);
        return post({ path: base().path, body: `<xml>${'<a>'.repeat(n)}x${closed ? '</a>'.repeat(n) : ''}<Encrypt>abcd</Encrypt></xml>` }, [400]);
      }
      case 'xml-malformed': {
        const p = this.wecomAppPost(this.appXmlPlain(id));
        const cut = rng.int(1, p.body.length - 2);
        return post({ path: p.path, body: p.body.slice(0, cut) + rng.pick(['', '<', '<![CDATA[', ']]>', '</xml></xml>', '&', '&#0;']) }, [400, 401]);
      }
      case 'xml-encrypt-array': {
        const p = this.wecomAppPost(this.appXmlPlain(id));
        return post({ path: p.path, body: p.body.replace('</xml>', '<Encrypt>abcd</Encrypt></xml>') }, [400]);
      }
      case 'invalid-utf8': {
        const p = rng.chance(0.5) ? base() : this.wecomAppPost(this.appXmlPlain(id));
        return post({ path: p.path, body: withInvalidUtf8(p.body, rng) }, [400]);
      }
      case 'missing-query': {
        const p = base();
        const drop = rng.pick(['msg_signature', 'timestamp', 'nonce']);
        const u = new URL(p.path, 'http://x');
        if (rng.chance(0.5)) u.searchParams.delete(drop);
        else u.searchParams.set(drop, '');
        return post({ path: u.pathname + u.search, body: p.body }, [400]);
      }
      case 'duplicate-query': {
        const p = base();
        const dup = rng.pick(['msg_signature', 'timestamp', 'nonce']);
        return post({ path: `${p.path}&${dup}=${rng.alnum(8)}`, body: p.body }, [400]);
      }
      case 'missing-encrypt': {
        const p = base();
        return post({ path: p.path, body: rng.pick(['{}', '{"Encrypt":"abcd"}', '{"encrypt":""}', '{"tousername":"x"}', '<xml></xml>', '<xml><ToUserName>x</ToUserName></xml>', '<xml><Encrypt></Encrypt></xml>']) }, [400]);
      }
      case 'encrypt-not-string': {
        const p = base();
        return post({ path: p.path, body: JSON.stringify({ encrypt: rng.pick([null, 1, true, [p.enc], { a: p.enc }]) }) }, [400]);
      }
      case 'extra-fields-forged':
        return post(base({ envelope: (enc) => JSON.stringify({ encrypt: enc, msgid: id, admin: true, __proto__: { polluted: 1 }, constructor: { prototype: { x: 1 } } }), sig: (s) => flipHexChar(s, rng) }), [401]);
      case 'stale-ts-forged':
        return post(base({ ts: String(Math.floor(Date.now() / 1000) - rng.int(3600, 10 * 365 * 86400)), sig: (s) => flipHexChar(s, rng) }), [403]);
      case 'future-ts-forged':
        return post(base({ ts: rng.pick([String(Math.floor(Date.now() / 1000) + rng.int(3600, 1e8)), '99999999999999999999', '-1', '1e9', 'abc']), sig: (s) => flipHexChar(s, rng) }), [403]);
      case 'huge':
        return post({ path: base().path, body: Buffer.alloc(ONE_MIB + rng.int(1, 4096), rng.pick(['x', '{', '<', 'A'])) }, [413], { mayReset: true });
      case 'huge-chunked':
        return post({ path: base().path, body: Buffer.alloc(ONE_MIB + rng.int(1, 4096), 'A') }, [413], { mayReset: true, chunked: true });
      case 'empty':
        return post({ path: base().path, body: '' }, [400]);
      case 'junk':
        return post({ path: base().path, body: rng.pick([rng.alnum(rng.int(1, 2000)), ' \n\t', 'null', '[]', '"str"', '123', '{"encrypt":' + '"'.repeat(rng.int(1, 10))]) }, [400]);
      case 'json-deep': {
        const n = big ? 400_000 : rng.pick([100, 1000, 50_000]);
        return post({ path: base().path, body: `{"encrypt":${'['.repeat(n)}${']'.repeat(n)}}` }, [400]);
      }
      case 'decrypted-not-json':
        return post(this.wecomPost(rng.pick(['not json', '', '{"msgid":', 'null', '"x"', '\u0000\u0001'])), [400]);
      case 'decrypted-missing-fields': {
        const plain = JSON.parse(this.aibotPlain(id));
        if (rng.chance(0.5)) delete plain.msgid;
        else delete plain.from;
        if (rng.chance(0.3)) plain.msgid = rng.pick([{}, [], null, '']);
        return post(this.wecomPost(JSON.stringify(plain)), [400]);
      }
      case 'decrypted-event': {
        // Genuine but nothing the bot handles (enter_chat event, file): acknowledged, not stored. (Voice is handled.)
        const p = this.wecomPost(this.aibotPlain(id, { msgtype: rng.pick(['event', 'file', 'stream']) }));
        return { kind: 'wecom:decrypted-event', method: 'POST', path: p.path, body: p.body, headers: {}, expect: 'nostore' };
      }
      case 'get-forged': {
        const p = base({ sig: (s) => flipHexChar(s, rng) });
        return { kind: `wecom:${k}`, method: 'GET', path: `${p.path}&echostr=${encodeURIComponent(p.enc)}`, expect: 'refuse', status: [401] };
      }
      case 'get-missing-echostr':
        return { kind: `wecom:${k}`, method: 'GET', path: base().path + rng.pick(['', '&echostr=']), expect: 'refuse', status: [400] };
      case 'get-genuine': {
        const echo = String(rng.int(1, 1e9));
        const enc = encrypt(CREDS.wecomBot.aesKey, echo, '', rng.bytes(16));
        const ts = this.tsSec(), nonce = this.nonce();
        return { kind: `wecom:${k}`, method: 'GET', path: `/webhooks/wecom?msg_signature=${getSignature(CREDS.wecomBot.token, ts, nonce, enc)}&timestamp=${ts}&nonce=${nonce}&echostr=${encodeURIComponent(enc)}`, expect: 'nostore' };
      }
    }
  }

  forgedDingtalk(): FuzzCase {
    const rng = this.rng;
    const id = this.msgId('dtx');
    const kinds = [
      'sign-bitflip', 'wrong-secret', 'stale', 'future', 'ts-garbage', 'missing-headers', 'empty-headers', 'body-broken', 'body-missing-fields', 'body-wrong-types',
      'invalid-utf8', 'empty-body', 'xml-body', 'deep-json', 'unhandled-type', 'sign-other-ts',
    ] as const;
    const k = rng.chance(0.02) ? rng.pick(['huge-signed', 'huge-forged', 'huge-chunked', 'huge-header'] as const) : rng.pick(kinds);
    const big = rng.chance(0.05);
    const body = () => JSON.stringify(this.dtBody(id));
    const c = (headers: Record<string, string>, b: string | Buffer, status?: number[], extra: Partial<FuzzCase> = {}): FuzzCase => ({
      kind: `dingtalk:${k}`, method: 'POST', path: '/webhooks/dingtalk', headers, body: b, expect: 'refuse', status, ...extra,
    });
    switch (k) {
      case 'sign-bitflip':
        return c(this.dtHeaders({ sign: (s) => changeBase64Char(s, rng) }), body(), [403]);
      case 'wrong-secret':
        return c(this.dtHeaders({ secret: rng.pick(['', 'x', CREDS.dingtalk.appKey, CREDS.dingtalk.appSecret + ' ', rng.alnum(40)]) || 'y' }), body(), [403]);
      case 'stale':
        return c(this.dtHeaders({ ts: String(Date.now() - 3600_000 - rng.int(1000, 30 * 86400_000)) }), body(), [403]);
      case 'future':
        return c(this.dtHeaders({ ts: String(Date.now() + 3600_000 + rng.int(1000, 30 * 86400_000)) }), body(), [403]);
      case 'ts-garbage':
        return c(this.dtHeaders({ ts: rng.pick(['abc', '-1', '1.5e12', '0x18c', `${Date.now()}.0`, '99999999999999999', ' ' + Date.now(), '+' + Date.now()]) }), body(), [403]);
      case 'sign-other-ts': {
        // A captured (timestamp, sign) pair from over an hour ago replayed with a new body.
        const old = String(Date.now() - 3600_000 - rng.int(60_000, 86400_000));
        return c({ 'content-type': 'application/json', timestamp: old, sign: dingtalkInboundSign(old, CREDS.dingtalk.appSecret) }, body(), [403]);
      }
      case 'missing-headers': {
        const h = this.dtHeaders();
        delete h[rng.pick(['timestamp', 'sign'])];
        return c(h, body(), [401]);
      }
      case 'empty-headers': {
        const h = this.dtHeaders();
        h[rng.pick(['timestamp', 'sign'])] = '';
        return c(h, body(), [401]);
      }
      case 'huge-header':
        return c({ ...this.dtHeaders(), sign: 'A'.repeat(rng.int(20_000, 70_000)) }, body(), [403, 431], { mayReset: true });
      case 'body-broken':
        return c(this.dtHeaders(), rng.pick(['{not json', '[]', '[{"msgId":"x"}]', 'null', '123', '"str"', 'true', '{"msgId":', '']), [400]);
      case 'body-missing-fields': {
        const b = this.dtBody(id);
        delete b[rng.pick(['msgId', 'conversationId'])];
        if (rng.chance(0.3)) delete b.senderStaffId, delete b.senderId;
        return c(this.dtHeaders(), JSON.stringify(b), [400]);
      }
      case 'body-wrong-types': {
        const b = this.dtBody(id);
        b[rng.pick(['msgId', 'conversationId'])] = rng.pick<unknown>([{}, [], true, null, { toString: "x" }, ["a"]]);
        return c(this.dtHeaders(), JSON.stringify(b), [400]);
      }
      case 'invalid-utf8':
        return c(this.dtHeaders(), withInvalidUtf8(body(), rng), [400]);
      case 'huge-signed':
        return c(this.dtHeaders(), Buffer.alloc(ONE_MIB + rng.int(1, 4096), '{'), [413], { mayReset: true });
      case 'huge-chunked':
        return c(this.dtHeaders(), Buffer.alloc(ONE_MIB + rng.int(1, 4096), ' '), [413], { mayReset: true, chunked: true });
      case 'huge-forged':
        return c(this.dtHeaders({ sign: () => 'AAAA' }), Buffer.alloc(ONE_MIB + rng.int(1, 4096), '{'), [403, 413], { mayReset: true });
      case 'empty-body':
        return c(this.dtHeaders(), '', [400]);
      case 'xml-body':
        return c(this.dtHeaders({ contentType: 'text/xml' }), `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml>&e;</xml>`, [400]);
      case 'deep-json': {
        const n = big ? 400_000 : rng.pick([100, 1000, 50_000]);
        return c(this.dtHeaders(), `{"msgId":"${id}","text":${'['.repeat(n)}${']'.repeat(n)}}`, [400]);
      }
      case 'unhandled-type':
        return { ...c(this.dtHeaders(), JSON.stringify(this.dtBody(id, { msgtype: rng.pick(['file', 'video', 'interactiveCard', '']) }))), expect: 'nostore', status: undefined };
    }
  }
}
