import 'dotenv/config';
import { readConfig, ConfigError } from './config';
import { buildBot } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`配置错误 ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const bot = await buildBot(config);
  const { port } = await bot.listen();
  const platforms = [config.wecomApp && 'WeCom 自建应用', config.wecomBot && 'WeCom 智能机器人', config.dingtalk && 'DingTalk 机器人'].filter(Boolean);
  const where = `http://localhost:${port}`;
  bot.log.info(
    { port, database: config.DATABASE_URL.startsWith('mysql') ? 'mysql' : config.DATABASE_URL, platforms, llm: config.llm ? config.llm.model : 'none (local classifier)' },
    `校园安全助手 listening on ${where} · platforms: ${platforms.length ? platforms.join(', ') : 'none configured'}${config.sandboxEnabled ? ` · sandbox: ${where}/sandbox` : ''}`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    bot.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await bot.close().catch((err) => bot.log.error({ err }, 'shutdown error'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('启动失败:', err?.message ?? err);
  process.exit(1);
});
