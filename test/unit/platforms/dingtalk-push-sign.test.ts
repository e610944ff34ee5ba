import { describe, expect, it } from 'vitest';
import { dingtalkSign } from '../../../src/platforms/dingtalk/push';

// Vectors from shared/docs/platforms/dingtalk.md §5.
describe('dingtalkSign (加签)', () => {
  it('vector A: custom robot, URL-encoded', () => {
    expect(encodeURIComponent(dingtalkSign(1577262236757, 'this is secret'))).toBe('hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D');
  });

  it('vector B: inbound header, raw base64', () => {
    expect(dingtalkSign('1577262236757', 'this is a secret')).toBe('DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=');
  });

  it('self-computed vector with a SEC… secret', () => {
    expect(dingtalkSign(1700000000000, 'SECtest0123456789abcdef')).toBe('/lfnxUUu80FwVTsIlv2F1cMGBb+PxEKAwYh/bsRxXcc=');
    expect(new URLSearchParams({ sign: dingtalkSign(1700000000000, 'SECtest0123456789abcdef') }).toString())
      .toBe('sign=%2FlfnxUUu80FwVTsIlv2F1cMGBb%2BPxEKAwYh%2FbsRxXcc%3D');
  });
});
