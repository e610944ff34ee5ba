import type Router from '@koa/router';
import type { Services } from '../services/container';
import type { LinkSigner } from '../services/links';
import { XLSX_TYPE, quarterlyFilename, quarterlyResource, quarterlyWorkbook } from '../services/quarterly/export';
import { parseQuarter } from '../services/quarterly/period';
import { HttpError } from './body';

/**
 * `/季报 导出` links: the signature covers the path, which names the unit and the quarter, and the unit it was
 * issued for, so a link for one unit cannot fetch another's workbook or another quarter.
 */
export function mountQuarterlyFiles(router: Router, services: Services): void {
  router.get('/files/quarterly/:unit/:quarter.xlsx', async (ctx) => {
    const unitId = Number(ctx.params.unit);
    const quarter = parseQuarter(String(ctx.params.quarter));
    if (!Number.isInteger(unitId) || !quarter || quarter !== ctx.params.quarter) throw new HttpError(404, 'not found');
    const check = (services.links as LinkSigner).verify(quarterlyResource(unitId, quarter), ctx.query, services.clock.now());
    if (!check.ok) throw new HttpError(403, check.reason === 'link expired' ? '链接已过期，请在群里重新发 /季报 导出' : '链接无效');
    if (check.unitId !== unitId) throw new HttpError(403, '链接无效');
    await services.units.refresh();
    const unit = services.units.get(unitId);
    if (!unit) throw new HttpError(404, 'not found');
    const now = services.clock.now();
    const buf = await quarterlyWorkbook(services.ds, services.units, unit, quarter, now);
    ctx.type = XLSX_TYPE;
    ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(quarterlyFilename(unit, quarter))}`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = buf;
  });
}
