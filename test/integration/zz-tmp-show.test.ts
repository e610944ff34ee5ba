import { it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot } from '../helpers/bot';
import { AdjustableClock } from '../../src/services/clock';
import { bindWorld, NOW, seedWorld } from '../helpers/summary-world';
it('show', async () => {
  const [target] = await dbTargets();
  const url = await target.create(); const fake = await new FakePlatform().start();
  const clock = new AdjustableClock(); clock.set(NOW);
  const t = await startBot(url, { ...botEnv(fake.url), PUBLIC_BASE_URL: 'http://bot.test' }, { clock });
  await seedWorld(t.bot.ds); const w = await bindWorld(t.base, fake, () => clock.now());
  await w.fengze.say('huang', '黄科长', '/目标 标杆学校=9 达标学校=1 示范岗位=5', { timestamp: clock.now() });
  for (const [c, u, n, txt] of [[w.city, 'chen', '陈', '/进度'], [w.fengze, 'huang', '黄', '/进度'], [w.donghai, 'lin', '林', '/进度 本周'], [w.fengze, 'huang', '黄', '/目标'], [w.donghai, 'wang', '王', '/周报 开启'], [w.donghai, 'li', '李', '/帮助']] as const)
    console.log('-----\n' + await c.say(u, n, txt, { timestamp: clock.now() }));
  await t.close(); await fake.close(); await target.drop(url);
});
