// Card JSON checked against the documented shapes (fixtures copied from the platform docs, test/fixtures/cards/).
import { describe, expect, it } from 'vitest';
import { hazardActions, hazardCard, hazardTapCommand } from '../../../src/services/hazards/card-actions';
import { commandButton, commandTapCommand } from '../../../src/services/cards/command-card';
import { toWecomTemplateCard, wecomUpdateCardReply } from '../../../src/platforms/wecom/template-card';
import { toDingtalkActionCard, toDingtalkSampleActionCard } from '../../../src/platforms/dingtalk/action-card';
import { decodeAibotJson } from '../../../src/platforms/wecom/decode';
import { decodeWecomWsCallback } from '../../../src/platforms/wecom/ws-decode';
import { buildGroupMessageBody, buildRobotBody } from '../../../src/platforms/dingtalk/push';
import { assertShape, baseHazard, fixture } from '../../helpers/card-shapes';

const base = baseHazard;

describe('hazard card actions', () => {
  it('offers the next actions per state', () => {
    expect(hazardActions({ status: 'pending' })).toEqual(['confirm', 'assign', 'reject', 'regrade']);
    expect(hazardActions({ status: 'rectifying' })).toEqual(['rectify', 'assign']);
    expect(hazardActions({ status: 'verifying' })).toEqual(['pass', 'fail']);
    expect(hazardActions({ status: 'closed' })).toEqual([]);
    expect(hazardActions({ status: 'rejected' })).toEqual([]);
  });

  it('each button key maps back to exactly the typed command, with the version the card showed', () => {
    const card = hazardCard(base, 'task-1');
    expect(card.buttons.map((b) => b.label)).toEqual(['确认（王安全员）', '改派', '驳回', '改级']);
    for (const b of card.buttons) expect(hazardTapCommand(b.key)).toMatchObject({ text: b.command, version: 3 });
    expect(card.buttons.find((b) => b.label === '驳回')?.asks).toContain('原因');
    expect(hazardCard({ ...base, status: 'verifying' }).buttons.map((b) => b.command)).toEqual(['/验收 YH-2026-000123 通过', '/验收 YH-2026-000123 不通过']);
    const closed = hazardCard({ ...base, status: 'closed' });
    expect(closed.buttons).toEqual([]);
    expect(hazardTapCommand(closed.doneKey!)).toEqual({ text: '/查询 YH-2026-000123', version: null });
  });

  it('refuses keys that are not ours or carry anything but a hazard code', () => {
    expect(hazardTapCommand('BUTTONKEYONE')).toBeUndefined();
    expect(hazardTapCommand('c1|confirm|YH-2026-000123 @所有人|3')).toBeUndefined();
    expect(hazardTapCommand('c1|drop_table|YH-2026-000123|3')).toBeUndefined();
    expect(hazardTapCommand('c1|confirm|YH-2026-000123|x')).toBeUndefined();
  });
});

describe('WeCom template_card', () => {
  it('button_interaction matches the documented card and limits', () => {
    const doc = fixture('wecom-button-interaction.json');
    const ours = { msgtype: 'template_card', template_card: toWecomTemplateCard(hazardCard(base, 'YH-2026-000123-ab12')) };
    assertShape(ours, doc);
    const tc = ours.template_card as any;
    expect(tc.card_type).toBe('button_interaction');
    expect(tc.task_id).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/);
    expect(tc.button_list.length).toBeGreaterThan(0);
    expect(tc.button_list.length).toBeLessThanOrEqual(6);
    expect(tc.horizontal_content_list.length).toBeLessThanOrEqual(6);
    for (const b of tc.button_list) {
      expect([1, 2, 3, 4]).toContain(b.style);
      expect(Array.from(b.text as string).length).toBeLessThanOrEqual(10);
      expect(Buffer.byteLength(b.key)).toBeLessThanOrEqual(1024);
    }
    // A finished card keeps the shape (it replaces the tapped one) with one button that only shows the state.
    const done = toWecomTemplateCard(hazardCard({ ...base, status: 'closed' }, 'YH-2026-000123-ab12')) as any;
    assertShape({ msgtype: 'template_card', template_card: done }, doc);
    expect(done.button_list).toHaveLength(1);
  });

  it('the update reply matches the documented update_template_card reply', () => {
    const ours = wecomUpdateCardReply(hazardCard({ ...base, status: 'rectifying' }, 'tapped-task'), ['zhao']);
    assertShape(ours, fixture('wecom-update-template-card.json'));
    expect((ours.template_card as any).task_id).toBe('tapped-task');
  });

  it('the documented template_card_event decodes to a tap (HTTP JSON and long connection)', () => {
    const doc = fixture('wecom-template-card-event.json');
    const m = decodeAibotJson(JSON.stringify(doc), 1)!;
    expect(m).toMatchObject({ platform: 'wecom', msgId: doc.msgid, chatId: 'CHATID', senderId: 'USERID', text: '', tap: { key: 'button_replace_text', taskId: 'fBmjTL7ErRCQSNA6GZKMlcFiWX1shOvg' } });
    expect(m.reply).toEqual({ kind: 'wecom_response_url', url: 'RESPONSEURL' });
    const ws = decodeWecomWsCallback(doc, 'req-9', 1)!;
    expect(ws.reply).toEqual({ kind: 'wecom_ws', reqId: 'req-9', chatId: 'CHATID' });
    expect(decodeAibotJson(JSON.stringify({ ...doc, event: { eventtype: 'enter_chat', enter_chat: {} } }), 1)).toBeUndefined();
  });
});

describe('DingTalk ActionCard', () => {
  it('session webhook / custom robot body matches the documented actionCard; buttons send the command', () => {
    const card = hazardCard(base);
    const body = buildRobotBody({ type: 'actionCard', actionCard: toDingtalkActionCard(card, '**已登记隐患 YH-2026-000123**') });
    assertShape(body, fixture('dingtalk-action-card.json'));
    const btns = (body as any).actionCard.btns as { title: string; actionURL: string }[];
    expect(btns[0].actionURL).toBe(`dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent('/确认 YH-2026-000123')}`);
    expect(decodeURIComponent(new URL(btns[2].actionURL).searchParams.get('content')!)).toBe('/驳回 YH-2026-000123');
  });

  it('group API uses sampleActionCard{N} with actionTitleN/actionURLN', () => {
    const doc = fixture('dingtalk-sample-action-card.json');
    const three = toDingtalkSampleActionCard({ ...hazardCard(base), buttons: hazardCard(base).buttons.slice(0, 3) })!;
    expect(three.msgKey).toBe('sampleActionCard3');
    expect(Object.keys(three.msgParam).sort()).toEqual(Object.keys(doc.msgParam).sort());
    expect(toDingtalkSampleActionCard(hazardCard(base))!.msgKey).toBe('sampleActionCard4');
    expect(toDingtalkSampleActionCard(hazardCard({ ...base, status: 'verifying' }))!.msgKey).toBe('sampleActionCard6');
    const wire = buildGroupMessageBody('robot', 'cid', { type: 'actionCard', ...three });
    expect(JSON.parse(wire.msgParam)).toEqual(three.msgParam);
  });
});

describe('command buttons (filings and figures)', () => {
  it('carry the typed command and nothing else', () => {
    const b = commandButton('已报送', '/已报送 方案', 'primary');
    expect(commandTapCommand(b.key)).toEqual({ text: '/已报送 方案', version: null });
    expect(commandTapCommand('c1|say|/进度 本周|')).toEqual({ text: '/进度 本周', version: null });
    expect(commandTapCommand('c1|say|hello|')).toBeUndefined(); // not a command
    expect(commandTapCommand('c1|say|/隐患 a\nb|')).toBeUndefined(); // one line only
    expect(commandTapCommand(`c1|say|/隐患 ${'长'.repeat(200)}|`)).toBeUndefined();
  });
});
