// WeCom 智能机器人 template cards (doc 101032 模板卡片类型 / 101027 模板卡片事件 / 101031 更新模板卡片).
import type { Card } from '../../services/cards/card';

/** Documented limits: ≤ 6 buttons, ≤ 6 horizontal lines, button text ≤ 10 characters (longer is cut by the client). */
const MAX_BUTTONS = 6;
const MAX_LINES = 6;
const cut = (s: string, n: number) => (Array.from(s).length > n ? `${Array.from(s).slice(0, n - 1).join('')}…` : s);

/** style 1 = blue (primary), 2 = grey, 3 = red outline, 4 = blue outline — the palette of the button_interaction doc. */
const STYLE = { primary: 1, default: 4, danger: 3 } as const;

/** A button_interaction card: the facts as horizontal_content_list, each action a button whose key comes back on a tap. */
export function toWecomTemplateCard(card: Card): Record<string, unknown> {
  const buttons = card.buttons.length
    ? card.buttons.slice(0, MAX_BUTTONS).map((b) => ({ text: cut(b.label, 10), style: STYLE[b.style], key: b.key }))
    // A finished card keeps the button_interaction shape (it is updated in place), with one button that only shows the state.
    : [{ text: cut(card.desc ?? '已处理', 10), style: 2, key: card.doneKey ?? 'c1|none|-|' }];
  return {
    card_type: 'button_interaction',
    source: { desc: '校园安全助手', desc_color: 0 },
    main_title: { title: cut(card.title, 26), ...(card.desc ? { desc: cut(card.desc, 30) } : {}) },
    ...(card.body ? { sub_title_text: cut(card.body, 112) } : {}),
    horizontal_content_list: card.facts.slice(0, MAX_LINES).map((f) => ({ keyname: cut(f.label, 5), value: cut(f.value, 26) })),
    task_id: card.taskId,
    button_list: buttons,
  };
}

/** Reply to a template_card_event that replaces the tapped card (doc 101027: task_id must be the tapped card's). */
export function wecomUpdateCardReply(card: Card, userIds?: string[]): Record<string, unknown> {
  return { response_type: 'update_template_card', ...(userIds?.length ? { userids: userIds } : {}), template_card: toWecomTemplateCard(card) };
}
