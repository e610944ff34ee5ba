// DingTalk ActionCard for the enterprise-internal robot (session webhook `actionCard`, group API `sampleActionCard2…5`).
import type { Card } from '../../services/cards/card';

/**
 * A button that makes the tapping person's own client send the command into the chat
 * (`dtmd://dingtalkclient/sendMessage?content=…`): the tap then arrives as an ordinary signed callback from that
 * person, so it needs no card-callback subscription, no public URL and no extra permission, and works the same
 * over HTTP and over Stream. The card's text also names the commands, for clients that do not open dtmd links.
 */
export function dingtalkSendMessageUrl(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

/** Without the message's own text, the card's facts as DingTalk markdown. */
function markdownOf(card: Card): string {
  const lines = [`#### ${card.title}${card.desc ? ` · ${card.desc}` : ''}`];
  if (card.body) lines.push(`> ${card.body}`);
  for (const f of card.facts) lines.push(`- **${f.label}** ${f.value}`);
  if (card.done) lines.push('', card.done);
  const asks = card.buttons.filter((b) => b.asks);
  if (asks.length) lines.push('', `<font color="#888888">${asks.map((b) => `${b.label}：点按后按提示回复`).join('；')}</font>`);
  return lines.join('\n');
}

/**
 * Session-webhook / custom-robot body: `{"msgtype":"actionCard","actionCard":{title,text,btnOrientation,btns}}`.
 * `text` is the message's own markdown when given (it names the commands too), so nothing is lost to the card.
 */
export function toDingtalkActionCard(card: Card, text?: string): { title: string; text: string; btnOrientation: '0' | '1'; btns: { title: string; actionURL: string }[] } {
  return {
    title: card.title.slice(0, 40),
    text: text ?? markdownOf(card),
    btnOrientation: card.buttons.length <= 2 ? '1' : '0',
    btns: card.buttons.slice(0, 5).map((b) => ({ title: b.label, actionURL: dingtalkSendMessageUrl(b.command) })),
  };
}

/** Robot group API: msgKey sampleActionCard{N} (N = 2…5 vertical buttons; 6 = two side by side), params actionTitleN/actionURLN. */
export function toDingtalkSampleActionCard(card: Card, text?: string): { msgKey: string; msgParam: Record<string, string> } | undefined {
  const a = toDingtalkActionCard(card, text);
  const n = a.btns.length;
  if (n === 0) return undefined;
  if (n === 1) return { msgKey: 'sampleActionCard', msgParam: { title: a.title, text: a.text, singleTitle: a.btns[0].title, singleURL: a.btns[0].actionURL } };
  const msgParam: Record<string, string> = { title: a.title, text: a.text };
  a.btns.forEach((b, i) => {
    msgParam[`actionTitle${i + 1}`] = b.title;
    msgParam[`actionURL${i + 1}`] = b.actionURL;
  });
  return { msgKey: n === 2 ? 'sampleActionCard6' : `sampleActionCard${n}`, msgParam };
}
