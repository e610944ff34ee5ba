import { describe, expect, it } from 'vitest';
import { classifyDingtalkApiError, classifyWecomErrcode, isDingtalkAuthError, redactText, redactUrl } from '../../../src/platforms/push-result';

describe('redaction', () => {
  it('drops query strings and known secrets', () => {
    expect(redactUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?***');
    expect(redactText('POST https://oapi.dingtalk.com/robot/send?access_token=t&sign=s failed, secret SEC123 leaked', ['SEC123']))
      .toBe('POST https://oapi.dingtalk.com/robot/send?*** failed, secret *** leaked');
  });
});

describe('classification', () => {
  it('wecom: 0 ok, 45009/-1 retryable, 93000 and unknown codes permanent', () => {
    expect(classifyWecomErrcode(0, 'ok')).toEqual({ ok: true });
    expect(classifyWecomErrcode(45009, 'freq')).toMatchObject({ retryable: true, code: '45009' });
    expect(classifyWecomErrcode(-1, 'busy')).toMatchObject({ retryable: true });
    expect(classifyWecomErrcode(93000, 'invalid')).toMatchObject({ retryable: false, code: '93000' });
    expect(classifyWecomErrcode(40008, 'bad type')).toMatchObject({ retryable: false });
  });

  it('dingtalk v1.0: status and code decide; monthly quota is permanent', () => {
    expect(classifyDingtalkApiError(400, { code: 'Forbidden.AccessDenied.ApiCountLimitForOrg' }).retryable).toBe(false);
    expect(classifyDingtalkApiError(502, undefined)).toMatchObject({ retryable: true, code: 'HTTP_502' });
    expect(isDingtalkAuthError(401, '')).toBe(true);
    expect(isDingtalkAuthError(400, 'invalidParameter.robotCode.notExsit')).toBe(false);
  });
});
