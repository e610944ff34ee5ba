import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { startFakeOpenAi, type ChatRequestBody, type FakeOpenAiServer, type FakeReply } from '../helpers/fake-openai-server';
import { AdjustableClock } from '../../src/services/clock';
import { loadPrompt } from '../../src/services/prompts';
import { bindWorld, NOW, seedWorld, type World } from '../helpers/summary-world';

const targets = await dbTargets();
const TEMPLATE_START = '11月丰泽区新增隐患 8 条，销号 4 条，销号率 50%。';
const isSummary = (body: ChatRequestBody) => body.messages[0]?.content === loadPrompt('summary.v1');

describe.each(targets)('/进度 narrative from a real OpenAI-compatible server on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let llm: FakeOpenAiServer;
  let t: TestBot;
  let w: World;
  const clock = new AdjustableClock();
  const ask = () => w.fengze.say('huang', '黄科长', '/进度', { timestamp: clock.now() });
  /** Answers summary requests with `reply`; anything else (the classifier) gets an error and falls back locally. */
  const answer = (reply: FakeReply) => llm.setHandler((body) => (isSummary(body) ? reply : { status: 500 }));
  const summaryRequests = () => llm.requests.filter(isSummary);

  beforeAll(async () => {
    clock.set(NOW);
    url = await target.create();
    fake = await new FakePlatform().start();
    llm = await startFakeOpenAi();
    t = await startBot(url, { ...botEnv(fake.url), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseURL, OPENAI_MODEL: 'test-model', OPENAI_TIMEOUT_MS: '1500' }, { clock });
    await seedWorld(t.bot.ds);
    w = await bindWorld(t.base, fake, () => clock.now(), t.bot.ds);
  });
  afterAll(async () => {
    await t?.close();
    await llm?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('uses a good answer, and the model was given only the fact lines as data', async () => {
    const good = '丰泽区11月销号率 50%，新增 8 条、销号 4 条。在办 6 条中红色 3 条，逾期两条。重大隐患挂牌督办 2 条，请盯紧东海中学和实验小学的整改。';
    answer({ content: JSON.stringify({ narrative: good }) });
    const reply = await ask();
    expect(reply).toContain(`> ${good}`);
    expect(reply).not.toContain(TEMPLATE_START);
    const [req] = summaryRequests();
    expect(req.model).toBe('test-model');
    const data = JSON.parse(req.messages[1].content);
    expect(data.unit).toBe('丰泽区');
    expect(data.facts).toContain('隐患 新增 8 · 销号 4 · 在办 6（🔴3 🟠1 🟡1 🔵1）· 逾期 2');
  });

  it('falls back to the template when the answer has a number that is not in the facts', async () => {
    answer({ content: JSON.stringify({ narrative: '11月丰泽区新增隐患 9 条，销号 4 条。目前在办 6 条。' }) });
    const reply = await ask();
    expect(summaryRequests()).toHaveLength(1);
    expect(reply).toContain(`> ${TEMPLATE_START}`);
    expect(reply).not.toContain('新增隐患 9 条');
    expect(t.logs.join('')).toContain('numbers not in the facts: 9');
  });

  it('falls back to the template on a timeout, an HTTP error and an unreadable answer', async () => {
    for (const reply of [{ content: JSON.stringify({ narrative: '太慢了的小结，不会被采用。' }), delayMs: 3000 }, { status: 503 }, { content: '好的，以下是小结' }]) {
      answer(reply);
      const started = Date.now();
      const text = await ask();
      expect(text).toContain(`> ${TEMPLATE_START}`);
      expect(summaryRequests()).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(2900);
    }
  });
});
