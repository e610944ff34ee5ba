import { describe, expect, it } from 'vitest';
import { checkDingtalkSign, dingtalkInboundSign } from '../../src/platforms/dingtalk/sign';

describe('DingTalk inbound sign (dingtalk.md §5)', () => {
  it('matches vector B', () => {
    expect(dingtalkInboundSign('1577262236757', 'this is a secret')).toBe('DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=');
  });
  it('matches vector A once URL-encoded', () => {
    expect(encodeURIComponent(dingtalkInboundSign('1577262236757', 'this is secret'))).toBe('hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D');
  });
  it('accepts within one hour, refuses beyond, refuses missing headers and a wrong sign', () => {
    const ts = 1577262236757;
    const sign = 'DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=';
    expect(checkDingtalkSign(String(ts), sign, 'this is a secret', ts + 59 * 60_000)).toEqual({ ok: true });
    expect(checkDingtalkSign(String(ts), sign, 'this is a secret', ts + 61 * 60_000)).toMatchObject({ ok: false, status: 403 });
    expect(checkDingtalkSign(String(ts), sign, 'this is a secret', ts - 61 * 60_000)).toMatchObject({ ok: false, status: 403 });
    expect(checkDingtalkSign(undefined, sign, 'this is a secret', ts)).toMatchObject({ ok: false, status: 401 });
    expect(checkDingtalkSign(String(ts), sign.replace('D', 'E'), 'this is a secret', ts)).toMatchObject({ ok: false, status: 403 });
  });
});
