import type Router from '@koa/router';
import type { AppDeps } from './deps';
import { HttpError, readRawBody } from './body';
import { checkDingtalkSign } from '../platforms/dingtalk/sign';
import { decodeDingtalk, DingtalkPayloadError } from '../platforms/dingtalk/decode';
import { checkBodyProof } from '../platforms/dingtalk/proof';

/** Genuine callbacks are a few KiB (a long text message stays well under this). */
const DINGTALK_MAX_BODY = 1024 * 1024;

export function mountDingtalk(router: Router, deps: AppDeps): void {
  router.post('/webhooks/dingtalk', async (ctx) => {
    const cfg = deps.config.dingtalk;
    if (!cfg) throw new HttpError(404, 'DingTalk is not configured');
    const now = deps.clock.now();
    // Check the headers before reading the body: a forged request costs nothing.
    const timestamp = ctx.get('timestamp') || undefined;
    const sign = ctx.get('sign') || undefined;
    const check = checkDingtalkSign(timestamp, sign, cfg.appSecret, now);
    if (!check.ok) throw new HttpError(check.status, check.reason);
    const raw = await readRawBody(ctx, DINGTALK_MAX_BODY);
    let msg;
    try {
      msg = decodeDingtalk(raw, now);
    } catch (err) {
      if (err instanceof DingtalkPayloadError) throw new HttpError(400, err.message);
      throw err;
    }
    // The body names the robot and the organisation it was sent to: they must be ours (robotCode equals the
    // AppKey for an enterprise-internal app robot unless DINGTALK_ROBOT_CODE says otherwise).
    const robot = robotOf(raw);
    if (robot.robotCode !== (cfg.robotCode ?? cfg.appKey)) throw new HttpError(403, 'robotCode is not this robot');
    if (cfg.corpId && robot.corpId !== cfg.corpId) throw new HttpError(403, 'chatbotCorpId is not this organisation');
    const proof = await checkBodyProof(deps.ds, timestamp!, sign!, raw, now);
    if (!proof.ok) throw new HttpError(403, proof.reason);
    if (msg) await deps.accept(msg);
    // Ack without a reply; the answer follows via sessionWebhook or the group API (dingtalk.md §1).
    ctx.status = 200;
    ctx.body = { msgtype: 'empty' };
  });
}

function robotOf(raw: string): { robotCode: string; corpId: string } {
  const m = JSON.parse(raw); // decodeDingtalk has already refused anything that does not parse to an object
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return { robotCode: s(m.robotCode), corpId: s(m.chatbotCorpId) };
}
