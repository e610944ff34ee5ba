import type Router from '@koa/router';
import type { Services } from '../services/container';
import type { LinkSigner } from '../services/links';
import { loadMedia } from '../services/media';
import { HttpError } from './body';

/** Pictures (hazard photos, charts) behind signed, expiring links. */
export function mountMedia(router: Router, services: Services): void {
  router.get('/media/:id', async (ctx) => {
    const id = Number(ctx.params.id);
    if (!Number.isInteger(id) || id <= 0) throw new HttpError(404, 'not found');
    const check = (services.links as LinkSigner).verify(`/media/${id}`, ctx.query, services.clock.now());
    if (!check.ok) throw new HttpError(403, check.reason);
    const media = await loadMedia(services.ds, id);
    if (!media || (check.unitId !== null && media.unitId !== check.unitId)) throw new HttpError(404, 'not found');
    ctx.type = media.mime;
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.body = media.data;
  });
}
