import { safeText } from '../services/hazards/cards';

/** User-facing texts of card taps, kept together for review. */
export const CARD_TEXTS = {
  unknownTap: '这张卡片已过期，请发 /查询 <编号> 查看最新状态，或直接输入命令。',
  ask: (name: string, question: string, command: string) =>
    `${name ? `${safeText(name, 40)}，` : ''}${question}（10 分钟内 @我 直接回复即可）。\n也可以直接发：${command} …`,
  stale: (code: string, status: string) => `${code} 刚刚已被他人处理，卡片已过期，当前状态：${status}。发 /查询 ${code} 查看。`,
};
