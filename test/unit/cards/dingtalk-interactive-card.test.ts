// DINGTALK_CARDS=interactive: the StandardCard JSON we send and update, and the card callback we read, checked
// against the shapes in open-dingtalk/dingtalk-stream-sdk-python (fixtures in test/fixtures/cards/).
import { describe, expect, it } from 'vitest';
import { hazardCard, hazardTapCommand } from '../../../src/services/hazards/card-actions';
import { commandButton, commandCard } from '../../../src/services/cards/command-card';
import {
  actionIdOf, buildSendCardBody, decodeDingtalkCardCallback, keyOfActionId, tapKeysOf, toStandardCardData,
} from '../../../src/platforms/dingtalk/interactive-card';
import { cardBizIdOf } from '../../../src/platforms/dingtalk/card-delivery';
import { assertShape, baseHazard, fixture } from '../../helpers/card-shapes';

const base = baseHazard;

describe('DingTalk StandardCard (DINGTALK_CARDS=interactive)', () => {
  it('cardData matches the SDK sample; every button is a request action carrying its tap key', () => {
    const card = hazardCard(base, 'YH-2026-000123-ab12');
    const data = toStandardCardData(card, '**已登记隐患 YH-2026-000123**\n发 /确认 YH-2026-000123');
    assertShape(data, fixture('dingtalk-standard-card.json'));
    const actions = (data.contents.find((c) => c.type === 'action') as any).actions;
    expect(actions.map((a: any) => a.label.text)).toEqual(['确认（王安全员）', '改派', '驳回', '改级']);
    for (const [i, a] of actions.entries()) {
      expect(a.actionType).toBe('request');
      expect(a.id).toMatch(/^k_[A-Za-z0-9_-]+$/);
      // The id is the same typed command key the WeCom button carries, and maps back to the command.
      expect(keyOfActionId(a.id)).toBe(card.buttons[i].key);
      expect(hazardTapCommand(keyOfActionId(a.id)!)).toMatchObject({ text: card.buttons[i].command, version: 3 });
    }
    expect(tapKeysOf(card)).toEqual(card.buttons.map((b) => b.key));
    // A finished hazard: no buttons, the text says where it stands.
    const closed = toStandardCardData(hazardCard({ ...base, status: 'closed' }), '✅ 已销号');
    expect(closed.contents.some((c) => c.type === 'action')).toBe(false);
  });

  it('the send and update bodies match reply_card / update_card', () => {
    const card = commandCard({ subject: 'rem', title: '报送提醒', buttons: [commandButton('已报送', '/已报送 方案', 'primary'), commandButton('查看要求', '/提醒')] });
    const data = toStandardCardData(card, '提醒');
    const doc = fixture('dingtalk-send-interactive-card.json');
    const group = buildSendCardBody('dingrobot', 'biz-1', { openConversationId: 'cid1' }, data);
    const single = buildSendCardBody('dingrobot', 'biz-1', { userId: 'staff001' }, data);
    assertShape(group, doc);
    assertShape(single, doc);
    expect(group).toMatchObject({ cardTemplateId: 'StandardCard', cardBizId: 'biz-1', openConversationId: 'cid1' });
    expect(JSON.parse((single as { singleChatReceiver: string }).singleChatReceiver)).toEqual({ userId: 'staff001' });
    expect(JSON.parse(group.cardData)).toEqual(data);
    assertShape({ cardBizId: 'biz-1', cardData: JSON.stringify(data) }, fixture('dingtalk-update-interactive-card.json'));
  });

  it('cardBizId: stable per card and chat (a retry is the same card), distinct per chat, within DingTalk\'s id characters', () => {
    const card = hazardCard(base, 'YH-2026-000123-ab12');
    expect(cardBizIdOf(card, 'cidA')).toBe(cardBizIdOf(card, 'cidA'));
    expect(cardBizIdOf(card, 'cidA')).not.toBe(cardBizIdOf(card, 'cidB'));
    expect(cardBizIdOf(card, 'cidA')).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
  });

  it('reads the documented card callback; refuses anything but one button tap', () => {
    const doc = fixture('dingtalk-card-callback.json');
    expect(decodeDingtalkCardCallback(JSON.stringify(doc))).toEqual({ outTrackId: doc.outTrackId, userId: 'staff001', corpId: doc.corpId, actionId: 'button_1646816888257' });
    // Not one of our encodings: the key is undefined and the tap is refused later.
    expect(keyOfActionId('button_1646816888257')).toBeUndefined();
    const content = (ids: unknown) => JSON.stringify({ ...doc, content: JSON.stringify({ cardPrivateData: { actionIds: ids, params: {} } }) });
    expect(decodeDingtalkCardCallback(content(['a', 'b']))).toBeUndefined();
    expect(decodeDingtalkCardCallback(content([]))).toBeUndefined();
    expect(decodeDingtalkCardCallback(content([7]))).toBeUndefined();
    expect(decodeDingtalkCardCallback(JSON.stringify({ ...doc, type: 'somethingElse' }))).toBeUndefined();
    expect(decodeDingtalkCardCallback(JSON.stringify({ ...doc, outTrackId: '' }))).toBeUndefined();
    expect(decodeDingtalkCardCallback(JSON.stringify({ ...doc, content: '{not json' }))).toBeUndefined();
    expect(decodeDingtalkCardCallback('{not json')).toBeUndefined();
  });

  it('action ids: only the exact encoding of a key decodes', () => {
    const key = 'c1|confirm|YH-2026-000123|3';
    expect(keyOfActionId(actionIdOf(key))).toBe(key);
    expect(keyOfActionId(`${actionIdOf(key)}=`)).toBeUndefined();
    expect(keyOfActionId('k_')).toBeUndefined();
    expect(keyOfActionId('k_!!')).toBeUndefined();
  });
});

describe('DINGTALK_CARDS', () => {
  it('defaults to the ActionCard; interactive needs the Stream mode and DINGTALK_CORP_ID', async () => {
    const { readConfig } = await import('../../../src/config');
    const app = { DINGTALK_APP_KEY: 'k', DINGTALK_APP_SECRET: 's' };
    expect(readConfig(app).DINGTALK_CARDS).toBe('actioncard');
    expect(() => readConfig({ ...app, DINGTALK_CARDS: 'interactive' })).toThrow(/^DINGTALK_CARDS=interactive/);
    expect(() => readConfig({ ...app, DINGTALK_CARDS: 'interactive', DINGTALK_MODE: 'stream' })).toThrow(/DINGTALK_CORP_ID/);
    expect(() => readConfig({ ...app, DINGTALK_CARDS: 'interactive', DINGTALK_CORP_ID: 'c' })).toThrow(/DINGTALK_MODE=stream/);
    expect(() => readConfig({ ...app, DINGTALK_CARDS: 'fancy' })).toThrow(/^DINGTALK_CARDS/);
    expect(readConfig({ ...app, DINGTALK_CARDS: 'interactive', DINGTALK_MODE: 'stream', DINGTALK_CORP_ID: 'c' }).DINGTALK_CARDS).toBe('interactive');
  });
});
