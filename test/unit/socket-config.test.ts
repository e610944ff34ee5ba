import { describe, expect, it } from 'vitest';
import { readConfig, ConfigError } from '../../src/config';
import { backoffDelay } from '../../src/transports/socket-connection';
import { decodeWecomWsCallback } from '../../src/platforms/wecom/ws-decode';

describe('socket mode configuration', () => {
  it('WECOM_BOT_MODE=websocket needs the BotID and Secret, and names the missing one', () => {
    expect(() => readConfig({ WECOM_BOT_MODE: 'websocket', WECOM_BOT_SECRET: 's' })).toThrow(/^WECOM_BOT_ID: required when WECOM_BOT_MODE=websocket/);
    expect(() => readConfig({ WECOM_BOT_MODE: 'websocket', WECOM_BOT_ID: 'b' })).toThrow(/^WECOM_BOT_SECRET/);
    const c = readConfig({ WECOM_BOT_MODE: 'websocket', WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's' });
    expect(c.wecomWs).toEqual({ botId: 'b', secret: 's', url: 'wss://openws.work.weixin.qq.com' });
    expect(c.sandboxEnabled).toBe(false); // a platform is configured
  });

  it('DINGTALK_MODE=stream needs the app credentials; unknown modes are refused', () => {
    expect(() => readConfig({ DINGTALK_MODE: 'stream' })).toThrow(ConfigError);
    expect(() => readConfig({ DINGTALK_MODE: 'stream' })).toThrow(/^DINGTALK_APP_KEY/);
    expect(() => readConfig({ DINGTALK_MODE: 'socket' })).toThrow(/^DINGTALK_MODE/);
    expect(() => readConfig({ WECOM_WS_URL: 'https://x' })).toThrow(/^WECOM_WS_URL/);
    expect(readConfig({ DINGTALK_MODE: 'stream', DINGTALK_APP_KEY: 'k', DINGTALK_APP_SECRET: 's' }).dingtalkStream).toBe(true);
    expect(readConfig({}).dingtalkStream).toBe(false);
  });
});

describe('reconnect back-off', () => {
  it('grows exponentially to the cap, with half of each delay random', () => {
    expect(backoffDelay(0, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 60_000, () => 0)).toBe(4000);
    expect(backoffDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, 1000, 60_000)));
    expect(spread.size).toBeGreaterThan(10); // instances that dropped together do not come back together
  });
});

describe('WeCom long-connection frames', () => {
  it('decode to the neutral message with the frame as reply route and per-picture keys', () => {
    const msg = decodeWecomWsCallback({
      msgid: 'M1', aibotid: 'B', chatid: 'wrG', chattype: 'group', from: { userid: 'zhang' }, msgtype: 'mixed',
      mixed: { msg_item: [{ msgtype: 'text', text: { content: '@安全助手 灭火器过期' } }, { msgtype: 'image', image: { url: 'https://x/1', aeskey: 'KEY=' } }] },
    }, 'req-1', 1000)!;
    expect(msg).toMatchObject({ platform: 'wecom', msgId: 'M1', chatId: 'wrG', senderId: 'zhang', text: '灭火器过期', reply: { kind: 'wecom_ws', reqId: 'req-1', chatId: 'wrG' } });
    expect(msg.images).toEqual([{ kind: 'wecom_ws_url', url: 'https://x/1', aesKey: 'KEY=' }]);
    const single = decodeWecomWsCallback({ msgid: 'M2', aibotid: 'B', chattype: 'single', from: { userid: 'li' }, msgtype: 'text', text: { content: '/帮助' } }, 'req-2', 1000)!;
    expect(single.reply).toEqual({ kind: 'wecom_ws', reqId: 'req-2', chatId: 'li' });
    expect(decodeWecomWsCallback({ msgid: 'E', aibotid: 'B', from: { userid: 'li' }, msgtype: 'event', event: { eventtype: 'enter_chat' } }, 'r', 0)).toBeUndefined();
  });
});
