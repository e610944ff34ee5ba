import { randomBytes } from 'node:crypto';
import { decodeKey, encodeKey, newTaskId, type Card, type CardButton } from '../cards/card';
import { formatMonthDayTime } from '../time';
import { itemLine } from './cards';
import { RISK_EMOJI, RISK_NAME, STATUS_LABEL, type HazardRow } from './hazard.types';

/**
 * The next actions on a hazard, one per button. Each is the typed command, so a tap runs the same command with
 * the same permission check, version guard and audit event; `asks` marks the ones that need words from the person.
 */
export type HazardCardAction = 'confirm' | 'assign' | 'reject' | 'regrade' | 'rectify' | 'pass' | 'fail';

const ACTIONS: Record<HazardCardAction, { label: string; style: CardButton['style']; command: (code: string) => string; asks?: string }> = {
  confirm: { label: '确认', style: 'primary', command: (c) => `/确认 ${c}` },
  assign: { label: '改派', style: 'default', command: (c) => `/指派 ${c}`, asks: '请 @ 新的责任人（可加期限，如 @赵师傅 3天）' },
  reject: { label: '驳回', style: 'danger', command: (c) => `/驳回 ${c}`, asks: '请回复驳回原因' },
  regrade: { label: '改级', style: 'default', command: (c) => `/改级 ${c}`, asks: '请回复新的等级：红、橙、黄 或 蓝（可加原因）' },
  rectify: { label: '已整改', style: 'primary', command: (c) => `/整改 ${c}`, asks: '请回复整改措施，整改后照片可随后发到群里' },
  pass: { label: '通过', style: 'primary', command: (c) => `/验收 ${c} 通过` },
  fail: { label: '不通过', style: 'danger', command: (c) => `/验收 ${c} 不通过`, asks: '请回复不通过的原因（要补做什么）' },
};

/** Which buttons a hazard in this state offers. Who may press them is decided when pressed (permissions.ts). */
export function hazardActions(h: Pick<HazardRow, 'status'>): HazardCardAction[] {
  switch (h.status) {
    case 'pending':
      return ['confirm', 'assign', 'reject', 'regrade'];
    case 'rectifying':
      return ['rectify', 'assign'];
    case 'verifying':
      return ['pass', 'fail'];
    default:
      return [];
  }
}

const when = (ms: number) => formatMonthDayTime(new Date(ms));

/** Card fields are plain text on every client (never markdown): one line, cut, no markdown escapes to show. */
function plain(s: string, max: number): string {
  const one = s.replace(/[\r\n\t]+/g, ' ').trim();
  return Array.from(one).length > max ? `${Array.from(one).slice(0, max).join('')}…` : one;
}

/** The card of a hazard as it is now; the buttons carry its version, so a stale card's tap is told the new state. */
export function hazardCard(h: HazardRow, taskId = newTaskId(h.code, randomBytes(4).toString('hex'))): Card {
  const facts: Card['facts'] = [
    { label: '状态', value: STATUS_LABEL[h.status] },
    { label: '等级', value: `${RISK_EMOJI[h.risk]} ${RISK_NAME[h.risk]}${h.major ? ' · 重大事故隐患' : ''}` },
    { label: '类别', value: itemLine(h) },
    { label: '责任人', value: h.responsibleName ? plain(h.responsibleName, 40) : '未指定' },
    { label: '期限', value: when(h.deadlineAt) },
  ];
  if (h.location) facts.unshift({ label: '位置', value: plain(h.location, 40) });
  const buttons = hazardActions(h).map((a): CardButton => {
    const def = ACTIONS[a];
    // 确认 keeps the default responsible person and deadline; say which, so the tap is an informed one.
    const label = a === 'confirm' && h.responsibleName ? `确认（${h.responsibleName.slice(0, 6)}）` : def.label;
    return { label, key: encodeKey(a, h.code, h.version), command: def.command(h.code), style: def.style, asks: def.asks };
  });
  const done = h.status === 'closed' ? `✅ ${h.code} 已销号` : h.status === 'rejected' ? `${h.code} 已驳回` : undefined;
  const kind = h.major ? '⚠️ 重大事故隐患' : h.status === 'pending' ? '已登记隐患' : '隐患';
  let body = plain(h.description, 120);
  if (h.risk === 'red' && h.status !== 'closed') body += '。红色风险须立即采取临时管控措施（设警戒线、停用场所）';
  if (h.majorSuspected && !h.major) body += '。疑似重大事故隐患，需安全员人工确认';
  return { taskId, title: `${kind} ${h.code}`, desc: STATUS_LABEL[h.status], facts, body, buttons, done, doneKey: done ? encodeKey('status', h.code, null) : undefined };
}

/** A tap's key back to the command it stands for, and the version the card showed (undefined: not ours). */
export function hazardTapCommand(key: string): { text: string; version: number | null; asks?: string } | undefined {
  const k = decodeKey(key);
  if (!k || !/^YH-\d{4}-\d{6,9}$/.test(k.subject)) return undefined;
  // The button of a finished card only shows where the hazard stands.
  if (k.action === 'status') return { text: `/查询 ${k.subject}`, version: null };
  if (!(k.action in ACTIONS)) return undefined;
  const def = ACTIONS[k.action as HazardCardAction];
  return { text: def.command(k.subject), version: k.version, asks: def.asks };
}

/** Text for clients without cards: the same buttons as commands to type. */
export function cardCommandsText(card: Card): string {
  if (!card.buttons.length) return '';
  return `可直接发：${card.buttons.map((b) => `${b.command}${b.asks ? ' …' : ''}`).join(' ｜ ')}`;
}
