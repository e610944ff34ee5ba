// What the calendar and the holiday data do not know yet, said once at start (scheduler, reminders CLI) so an
// operator sees it before a year's first reminder goes out on a holiday or a new plan's dates are missing.
import { shanghaiDayKey } from '../time';
import { yearWithoutPlan, type Deadline } from './calendar';
import { holidayDataWarning, type WorkCalendar } from './workdays';

export function calendarWarnings(calendar: readonly Deadline[], workdays: WorkCalendar | null | undefined, now: number): string[] {
  const today = shanghaiDayKey(new Date(now));
  const year = Number(today.slice(0, 4));
  const out: string[] = [];
  const holidays = workdays ? holidayDataWarning(workdays, today) : undefined;
  if (holidays) out.push(holidays);
  const noPlan = yearWithoutPlan(calendar, year);
  if (noPlan) {
    out.push(noPlan.latest
      ? `截止日期里没有 ${year} 年方案的事项：只按 ${noPlan.latest} 年方案中每年都有的事项（季报、年报）提醒。导入 ${year} 年方案：npm run reminders -- --import 文件.yaml（见 docs/records.md）。`
      : `截止日期里没有 ${year} 年或更早方案的事项：不会发出任何截止提醒。`);
  }
  return out;
}
