import { describe, expect, it } from 'vitest';
import { canPush, maskSecret, robotKeyOf } from '../../../../src/services/outbox/push-groups';
import { alertText } from '../../../../src/services/outbox/push-alert';
import { isDingtalkSecret, parseDingtalkToken, parseWecomKey } from '../../../../src/services/org/push-settings';

const KEY = '693a91f6-7aaa-4bc4-97a0-0ec21f2e5aaa';
const dt = { dingtalk: { appKey: 'app', appSecret: 's', robotCode: 'robot' }, sandboxEnabled: false };

describe('push groups and robot keys', () => {
  it('keys a robot without revealing its credential', () => {
    const key = robotKeyOf({ platform: 'wecom', chatId: 'c', pushKind: 'wecom_webhook', pushTarget: KEY }, dt)!;
    expect(key).toMatch(/^wecom:[0-9a-f]{16}$/);
    expect(key).not.toContain(KEY.slice(0, 8));
    expect(robotKeyOf({ platform: 'dingtalk', chatId: 'cid1', pushKind: null, pushTarget: null }, dt)).toBe('dingtalk-group:robot:cid1');
    expect(robotKeyOf({ platform: 'dingtalk', chatId: 'cid1', pushKind: 'dingtalk_custom', pushTarget: 'tok'.repeat(10) }, dt)).toMatch(/^dingtalk-custom:/);
    expect(robotKeyOf({ platform: 'local', chatId: 'x', pushKind: 'local', pushTarget: null }, dt)).toBeNull();
  });

  it('knows which groups can be pushed to', () => {
    expect(canPush({ platform: 'wecom', chatId: 'c', pushKind: null, pushTarget: null }, dt)).toBe(false);
    expect(canPush({ platform: 'wecom', chatId: 'c', pushKind: 'wecom_webhook', pushTarget: KEY }, dt)).toBe(true);
    expect(canPush({ platform: 'dingtalk', chatId: 'c', pushKind: null, pushTarget: null }, dt)).toBe(true);
    expect(canPush({ platform: 'dingtalk', chatId: 'c', pushKind: null, pushTarget: null }, { dingtalk: undefined, sandboxEnabled: false })).toBe(false);
  });

  it('masks secrets to their last four characters, short ones entirely', () => {
    expect(maskSecret(KEY)).toBe('****5aaa');
    expect(maskSecret('abc')).toBe('****');
  });

  it('reads a key or token from the bare value or the whole webhook address', () => {
    expect(parseWecomKey(KEY)).toBe(KEY);
    expect(parseWecomKey(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`)).toBe(KEY);
    expect(parseWecomKey('abc')).toBeNull();
    const token = 'a1b2'.repeat(16);
    expect(parseDingtalkToken(`https://oapi.dingtalk.com/robot/send?access_token=${token}`)).toBe(token);
    expect(isDingtalkSecret(`SEC${'f'.repeat(64)}`)).toBe(true);
    expect(isDingtalkSecret('secret')).toBe(false);
  });

  it('explains a failure to the city in words, with the next step', () => {
    const text = alertText('东海中学安全群', '泉州市丰泽区东海中学', '93000');
    expect(text).toContain('webhook key 无效');
    expect(text).toContain('/推送 设置');
  });
});
