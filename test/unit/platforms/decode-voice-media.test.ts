import { describe, expect, it } from 'vitest';
import { decodeAibotJson, decodeAppXml } from '../../../src/platforms/wecom/decode';
import { decodeDingtalk } from '../../../src/platforms/dingtalk/decode';

const NOW = 1_764_000_000_000;
const appXml = (inner: string) =>
  `<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1764000000</CreateTime>${inner}<MsgId>4561255354251345929</MsgId><AgentID>1000002</AgentID></xml>`;

describe('voice and pictures in the decoders', () => {
  it('智能机器人 单聊 voice: voice.content is the text, marked as voice', () => {
    const m = decodeAibotJson(JSON.stringify({ msgid: 'v1', chattype: 'single', from: { userid: 'u1' }, msgtype: 'voice', voice: { content: '操场围栏松动' } }), NOW)!;
    expect(m).toMatchObject({ text: '操场围栏松动', voice: true, chatId: 'single:u1' });
    const empty = decodeAibotJson(JSON.stringify({ msgid: 'v2', chattype: 'single', from: { userid: 'u1' }, msgtype: 'voice', voice: {} }), NOW)!;
    expect(empty).toMatchObject({ text: '', voice: false });
  });

  it('app voice uses <Recognition> when there is one; app pictures carry PicUrl; appchat messages answer in the chat', () => {
    expect(decodeAppXml(appXml('<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[m]]></MediaId><Recognition><![CDATA[走廊灯坏了]]></Recognition>'), NOW)).toMatchObject({ text: '走廊灯坏了', voice: true });
    expect(decodeAppXml(appXml('<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[m]]></MediaId>'), NOW)).toMatchObject({ text: '', voice: false });
    const pic = decodeAppXml(appXml('<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://wework.qpic.cn/x.jpg]]></PicUrl><MediaId><![CDATA[m]]></MediaId>'), NOW)!;
    expect(pic.images).toEqual([{ kind: 'plain_url', url: 'https://wework.qpic.cn/x.jpg' }]);
    expect(pic.voice).toBeUndefined();
    const chat = decodeAppXml(appXml('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[/帮助]]></Content><ChatId><![CDATA[CHAT9]]></ChatId>'), NOW)!;
    expect(chat).toMatchObject({ chatId: 'appchat:CHAT9', chatType: 'group', text: '/帮助' });
    expect(decodeAppXml(appXml('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content>'), NOW)).toMatchObject({ chatId: 'app:1000002:zhangsan', chatType: 'single' });
  });

  it('DingTalk audio: recognition is the text', () => {
    const base = { msgId: 'd1', conversationId: 'cid1', conversationType: '1', senderStaffId: 's1', msgtype: 'audio' };
    expect(decodeDingtalk(JSON.stringify({ ...base, content: { duration: 3000, downloadCode: 'x', recognition: '实验室门锁坏了' } }), NOW)).toMatchObject({ text: '实验室门锁坏了', voice: true, chatId: 'single:s1' });
    expect(decodeDingtalk(JSON.stringify({ ...base, content: { duration: 3000, downloadCode: 'x' } }), NOW)).toMatchObject({ text: '', voice: false });
  });

  it('a mixed message keeps its text and every picture', () => {
    const m = decodeAibotJson(JSON.stringify({
      msgid: 'mx', chattype: 'group', chatid: 'g1', from: { userid: 'u1' }, msgtype: 'mixed',
      mixed: { msg_item: [{ msgtype: 'text', text: { content: '@安全助手 配电箱门没关' } }, { msgtype: 'image', image: { url: 'https://a/1' } }, { msgtype: 'image', image: { url: 'https://a/2' } }] },
    }), NOW)!;
    expect(m.text).toBe('配电箱门没关');
    expect(m.images).toHaveLength(2);
  });
});
