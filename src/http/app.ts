import Koa from 'koa';
import Router from '@koa/router';
import type { AppDeps } from './deps';
import { HttpError } from './body';
import { linkErrorPage, wantsHtml } from './error-page';
import { isDbError } from '../services/errors';
import { schema } from '../db/repositories/schema.repository';
import { mountWecom } from './wecom.route';
import { mountDingtalk } from './dingtalk.route';
import { ackSeconds, acksTotal, dbErrorsTotal, inboundTotal } from '../metrics/metrics';

const WEBHOOK = /^\/webhooks\/(wecom|dingtalk)(?:\/|$)/;

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  const router = new Router();

  // Webhook answers and their latency (/metrics); refusals and 503s count as inbound outcomes (accepted ones are
  // counted where they are recorded, with new or duplicate).
  app.use(async (ctx, next) => {
    const platform = ctx.method === 'POST' ? WEBHOOK.exec(ctx.path)?.[1] : undefined;
    if (!platform) return next();
    const end = ackSeconds.startTimer({ platform });
    try {
      await next();
    } finally {
      end();
      acksTotal.inc({ platform, status: String(ctx.status) });
      if (ctx.status === 503) inboundTotal.inc({ platform, outcome: 'unavailable' });
      else if (ctx.status >= 400) inboundTotal.inc({ platform, outcome: 'refused' });
    }
  });

  // The one error boundary of the HTTP layer: forged or broken input gets 4xx, storage trouble 503, never a stack.
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err: any) {
      if (err instanceof HttpError) {
        ctx.status = err.status;
        if (wantsHtml(ctx.method, ctx.get('accept'))) {
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = linkErrorPage(err.status, err.message);
        } else ctx.body = { error: err.message };
        deps.log.warn({ path: ctx.path, status: err.status, reason: err.message }, 'request refused');
      } else if (isDbError(err)) {
        ctx.status = 503;
        ctx.body = { error: 'storage unavailable, retry later' };
        dbErrorsTotal.inc({ thread: 'http' });
        deps.log.error({ path: ctx.path, err: { code: err?.code, message: err?.message } }, 'database unavailable');
      } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
        ctx.status = err.status;
        ctx.body = { error: err.expose ? err.message : 'bad request' };
      } else {
        ctx.status = 500;
        ctx.body = { error: 'internal error' };
        deps.log.error({ path: ctx.path, err }, 'unhandled error');
      }
    }
  });

  router.get('/healthz', async (ctx) => {
    // Each long connection's state rides along; a reconnecting socket does not make the instance unhealthy
    // (a standby WeCom instance is expected), so only the database decides the status code.
    const connections = deps.connections ? await deps.connections().catch(() => undefined) : undefined;
    try {
      await Promise.race([
        schema(deps.ds).ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      ctx.body = connections ? { status: 'ok', db: 'ok', connections } : { status: 'ok', db: 'ok' };
    } catch {
      ctx.status = 503;
      ctx.body = connections ? { status: 'error', db: 'error', connections } : { status: 'error', db: 'error' };
    }
  });

  mountWecom(router, deps);
  mountDingtalk(router, deps);
  for (const mount of deps.mounts ?? []) mount(router);

  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
