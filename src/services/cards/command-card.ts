import { randomBytes } from 'node:crypto';
import { decodeKey, encodeKey, newTaskId, type Card, type CardButton } from './card';

/**
 * Cards whose buttons are plain commands without a state to guard (已报送, /季报 提交, /进度 本周 …): the key
 * carries the command itself. That gives a tap no more power than typing it: the command runs with the tapping
 * person's own permission checks, and the services are idempotent (已报送 twice answers 已登记过).
 */
export function commandButton(label: string, command: string, style: CardButton['style'] = 'default'): CardButton {
  return { label, command, style, key: encodeKey('say', command, null) };
}

export function commandCard(p: { subject: string; title: string; desc?: string; facts?: Card['facts']; buttons: CardButton[] }): Card {
  return { taskId: newTaskId(p.subject, randomBytes(4).toString('hex')), title: p.title, desc: p.desc, facts: p.facts ?? [], buttons: p.buttons };
}

/** Only slash commands, short, one line, no key separator: anything else is not one of our buttons. */
export function commandTapCommand(key: string): { text: string; version: null } | undefined {
  const k = decodeKey(key);
  if (!k || k.action !== 'say' || !/^\/[^\n|]{1,120}$/.test(k.subject)) return undefined;
  return { text: k.subject, version: null };
}
