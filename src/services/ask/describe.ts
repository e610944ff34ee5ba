// A query back in words: the "closest question I can answer" offered when a question was not understood.
import { getArea } from '../checklist/catalogue';
import type { AskQuery } from './query';
import { subject } from './texts';

const PERIOD_ZH: Record<string, string> = {
  today: '今天', yesterday: '昨天', this_week: '本周', last_week: '上周', this_month: '本月', last_month: '上个月',
  this_quarter: '本季度', last_quarter: '上季度', this_year: '今年', last_year: '去年',
};

export function describeQuery(q: AskQuery): string {
  const when = q.period ? PERIOD_ZH[q.period] ?? q.period : '本月';
  const what = subject(q).replace(/^隐患$/, '隐患');
  const unit = q.unit ? `${q.unit}` : '';
  switch (q.measure) {
    case 'closure_rate': return `${unit}${when}${q.area ? getArea(q.area)?.name : ''}隐患销号率多少`;
    case 'time_to_close': return `${unit}${when}${what}平均多久整改完`;
    case 'ranking': return `${when}${what}最多的前 ${q.top ?? 3} 所学校`;
    case 'list': return `${unit}${when}的${what}有哪些`;
    case 'filing_status': return `还有哪些单位没交${q.document ?? '季报'}`;
    case 'progress': return `${unit}的${what}整改到哪一步了`;
    default: return `${unit}${when}新增${what}多少条`;
  }
}
