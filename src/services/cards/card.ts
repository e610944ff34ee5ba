/**
 * A platform-neutral interactive card: a title, a few facts, and buttons that each stand for a typed command.
 * Encoders turn it into a WeCom template_card (button_interaction) or a DingTalk ActionCard; every other client
 * gets the message's markdown, which always names the commands to type.
 */
export interface CardButton {
  label: string;
  /** Opaque key the platform hands back on a tap (WeCom event_key); decoded by tapToCommand. */
  key: string;
  /** The command the tap runs, exactly as a person would type it. */
  command: string;
  style: 'primary' | 'default' | 'danger';
  /** Set when the command needs words only the person can give (a reason, the measure): the bot asks for them. */
  asks?: string;
}

export interface Card {
  /** WeCom task_id: unique per card, kept when the card is updated in place. Letters, digits, _-@ only, ≤ 128. */
  taskId: string;
  title: string;
  /** One short line under the title (the state). */
  desc?: string;
  /** Label → value facts (≤ 6 shown on WeCom). */
  facts: { label: string; value: string }[];
  /** Longer text (the description); plain. */
  body?: string;
  buttons: CardButton[];
  /** Shown instead of buttons when nothing more can be done (e.g. 已销号), with the key that shows the record. */
  done?: string;
  doneKey?: string;
}

const KEY_PREFIX = 'c1';

/** "c1|confirm|YH-2026-000123|3" — action, subject and the version the card showed. */
export function encodeKey(action: string, subject: string, version: number | null): string {
  return [KEY_PREFIX, action, subject, version ?? ''].join('|');
}

export function decodeKey(key: string): { action: string; subject: string; version: number | null } | undefined {
  const parts = key.split('|');
  if (parts.length !== 4 || parts[0] !== KEY_PREFIX || !parts[1] || !parts[2]) return undefined;
  const version = parts[3] === '' ? null : Number(parts[3]);
  if (version !== null && !Number.isInteger(version)) return undefined;
  return { action: parts[1], subject: parts[2], version };
}

export function newTaskId(subject: string, random: string): string {
  return `${subject}-${random}`.replace(/[^A-Za-z0-9_\-@]/g, '_').slice(0, 128);
}
