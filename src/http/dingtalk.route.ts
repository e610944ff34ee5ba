import type Router from '@koa/router';
import type { AppDeps } from './deps';
import { HttpError, readRawBody } from './body';
import { checkDingtalkSign } from '../platforms/dingtalk/sign';
import { decodeDingtalk, DingtalkPayloadError } from '../platforms/dingtalk/decode';

export function mountDingtalk(router: Router, deps: AppDeps): void {
  router.post('/webhooks/dingtalk', async (ctx) => {
    const cfg = deps.config.dingtalk;
    if (!cfg) throw new HttpError(404, 'DingTalk is not configured');
    const now = deps.clock.now();
    // Check the headers before reading the body: a forged request costs nothing.
    const check = checkDingtalkSign(ctx.get('timestamp') || undefined, ctx.get('sign') || undefined, cfg.appSecret, now);
    if (!check.ok) throw new HttpError(check.status, check.reason);
    const raw = await readRawBody(ctx);
    let msg;
    try {
      msg = decodeDingtalk(raw, now);
    } catch (err) {
      if (err instanceof DingtalkPayloadError) throw new HttpError(400, err.message);
      throw err;
    }
    if (msg) await deps.accept(msg);
    // Ack without a reply; the answer follows via sessionWebhook or the group API (dingtalk.md §1).
    ctx.status = 200;
    ctx.body = { msgtype: 'empty' };
  });
}
