import type Router from '@koa/router';
import type { Services } from '../services/container';
import type { LinkSigner } from '../services/links';
import { ledgerXlsxStream } from '../services/hazards/ledger';
import { formatDateTime } from '../services/time';
import { HttpError } from './body';

/** Signed, expiring downloads: the signature binds the path and the unit, so a link cannot be reused for another unit. */
export function mountFiles(router: Router, services: Services): void {
  router.get('/files/ledger/:unit/:range.xlsx', async (ctx) => {
    const resource = `/files/ledger/${ctx.params.unit}/${ctx.params.range}.xlsx`;
    const check = (services.links as LinkSigner).verify(resource, ctx.query, services.clock.now());
    if (!check.ok) throw new HttpError(403, check.reason === 'link expired' ? '链接已过期，请在群里重新发 /导出 台账' : '链接无效');
    const unitId = Number(ctx.params.unit);
    const m = /^(\d+)-(\d+)$/.exec(ctx.params.range);
    if (check.unitId !== unitId || !m) throw new HttpError(403, '链接无效');
    await services.units.refresh();
    const unit = services.units.get(unitId);
    if (!unit) throw new HttpError(404, 'not found');
    const unitIds = unit.kind === 'school' ? [unit.id] : services.units.schoolsUnder(unit).map((u) => u.id);
    const [from, to] = [Number(m[1]), Number(m[2])];
    const title = `${unit.name} 隐患台账（${formatDateTime(new Date(from)).slice(0, 10)} 至 ${formatDateTime(new Date(to - 1)).slice(0, 10)}）`;
    // Streamed: rows go out as they are read, so a city ledger of 300k hazards never sits in memory as one file.
    const body = ledgerXlsxStream(services.ds, { unitIds, from, to, title, now: services.clock.now() }, (err) => services.log.error({ unitId, err }, 'ledger export failed'));
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${unit.name}-隐患台账.xlsx`)}`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
}
