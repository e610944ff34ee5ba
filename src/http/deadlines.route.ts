import type Router from '@koa/router';
import type { Services } from '../services/container';
import type { LinkSigner } from '../services/links';
import { loadCalendar } from '../services/deadlines/store';
import { serializeCalendarYaml } from '../services/deadlines/calendar-file';
import { CALENDAR_EXPORT_PATH as EXPORT_PATH } from '../services/deadlines/export-link';
import { shanghaiDayKey } from '../services/time';
import { HttpError } from './body';

/** `/截止 导出`: the calendar as YAML behind a signed, expiring link (the signature is the only credential). */
export function mountDeadlineExport(router: Router, services: Services): void {
  router.get(EXPORT_PATH, async (ctx) => {
    const check = (services.links as LinkSigner).verify(EXPORT_PATH, ctx.query, services.clock.now());
    if (!check.ok) throw new HttpError(403, check.reason === 'link expired' ? '链接已过期，请在群里重新发 /截止 导出' : '链接无效');
    const yaml = serializeCalendarYaml(await loadCalendar(services.ds));
    ctx.type = 'application/yaml; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="deadlines-${shanghaiDayKey(new Date(services.clock.now()))}.yaml"`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = yaml;
  });
}
