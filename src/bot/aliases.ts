// The words people use for commands, beside the names the commands register themselves. One table, read by the
// parser: a rewrite turns the word into a registered command and, where needed, inserts a word into the arguments.

/** A loose word → the registered command it means; `verdict` is put after the hazard code (销号 = 验收 通过). */
export interface Rewrite {
  to: string;
  verdict?: string;
}

export const REWRITES: Record<string, Rewrite> = {
  // The programme calls the verified close 销号; 验收 通过 is the step that does it.
  销号: { to: '验收', verdict: '通过' },
  销项: { to: '验收', verdict: '通过' },
  close: { to: '验收', verdict: '通过' },
  菜单: { to: '帮助' },
  功能: { to: '帮助' },
  怎么用: { to: '帮助' },
  使用说明: { to: '帮助' },
  指令: { to: '帮助' },
  '?': { to: '帮助' },
  查看: { to: '查询' },
  进展: { to: '查询' },
  列表: { to: '清单' },
  待办: { to: '清单' },
  登记: { to: '隐患' },
  我上报的: { to: '我的' },
};

/**
 * Commands whose first argument is a hazard code: written without a slash they only count when a code (or a short
 * number) follows, so "整改后的楼梯很滑" stays a report and "确认一下开会时间" stays a question.
 */
export const CODE_FIRST = new Set(['查询', '确认', '指派', '改级', '驳回', '整改', '验收', '督办', '合并']);

/** Commands that may stand alone without a slash and without a code (销号 picks the only item waiting for it). */
export const BARE_OK = new Set(['验收']);

/** English words are commands without a slash only in this short list; elsewhere they begin English reports. */
export const SLASHLESS_ENGLISH = new Set(['help', 'list', 'mine', 'whoami', 'close']);

/** What may trail a bare command word: 「销号吧」「帮助一下」「清单！」. */
export const TRAILING_PARTICLES = /^(?:吧|了|啊|呀|哈|下|一下|一下吧|谢谢|，谢谢|[。！!~～.,，\s])*$/;
