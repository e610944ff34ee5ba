import { z } from 'zod';

/** Every variable the bot reads; mirrors .env.example. */
const optionalString = z.string().trim().min(1).optional();
const aesKey = z.string().regex(/^[A-Za-z0-9]{43}$/, '43 个字母或数字 (EncodingAESKey)').optional();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_BASE_URL: z.string().url('an absolute URL such as https://bot.example.edu.cn').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|mysql:\/\/.+)$/, 'sqlite:<path> or mysql://user:pass@host:port/db')
    .default('sqlite:./data/bot.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SANDBOX: z.enum(['0', '1']).optional(),
  SANDBOX_TOKEN: z.string().trim().min(16, 'at least 16 characters (e.g. openssl rand -hex 16)').optional(),
  LINK_SECRET: optionalString,
  INSTANCE_ID: optionalString,

  WECOM_TOKEN: optionalString,
  WECOM_ENCODING_AES_KEY: aesKey,
  WECOM_CORP_ID: optionalString,
  WECOM_CORP_SECRET: optionalString,
  WECOM_AGENT_ID: z.coerce.number().int().positive('the app\'s AgentId (a number)').optional(),
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_ENCODING_AES_KEY: aesKey,
  WECOM_API_BASE: z.string().url().default('https://qyapi.weixin.qq.com'),
  // 智能机器人 long connection (docs/socket-modes.md): no public address needed.
  WECOM_BOT_MODE: z.enum(['http', 'websocket']).default('http'),
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  WECOM_WS_URL: z.string().regex(/^wss?:\/\/.+/, 'a WebSocket URL such as wss://openws.work.weixin.qq.com').default('wss://openws.work.weixin.qq.com'),

  DINGTALK_APP_KEY: optionalString,
  DINGTALK_APP_SECRET: optionalString,
  DINGTALK_ROBOT_CODE: optionalString,
  DINGTALK_CORP_ID: optionalString,
  DINGTALK_API_BASE: z.string().url().default('https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: z.string().url().default('https://oapi.dingtalk.com'),
  DINGTALK_MODE: z.enum(['http', 'stream']).default('http'),
  /** interactive: StandardCard interactive cards updated in place on a tap (docs/cards.md); actioncard: dtmd ActionCard buttons. */
  DINGTALK_CARDS: z.enum(['actioncard', 'interactive']).default('actioncard'),
  /** Heartbeat of the long connections; a socket that answers none of 2 heartbeats in a row is dropped and reopened. */
  SOCKET_HEARTBEAT_MS: z.coerce.number().int().min(100).default(30_000),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.string().url().optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),

  SCHEDULER: z.enum(['0', '1']).default('1'),
  PROCESSING_THREAD: z.enum(['0', '1']).default('1'),
  REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  REMINDER_OFFSETS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated whole days such as 7,3,1')
    .default('7,3,1'),

  METRICS_TOKEN: optionalString,
  BACKUP_DIR: optionalString,
  BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
  BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(3),
  RETENTION_DAYS: z.coerce.number().int().min(7, 'at least 7 days (platform redelivery windows and support)').default(30),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Env {
  wecomApp?: { token: string; aesKey: string; corpId: string };
  wecomBot?: { token: string; aesKey: string };
  /** WECOM_BOT_MODE=websocket: the robot's long connection. */
  wecomWs?: { botId: string; secret: string; url: string };
  /** DINGTALK_MODE=stream: messages arrive over DingTalk Stream instead of the HTTP callback. */
  dingtalkStream: boolean;
  /** The self-built app's sender (gettoken + message/send); without it app messages cannot be answered. */
  wecomAppSender?: { corpId: string; secret: string; agentId: number };
  dingtalk?: { appKey: string; appSecret: string; robotCode?: string; corpId?: string };
  llm?: { apiKey: string; baseURL?: string; model: string; timeoutMs: number };
  sandboxEnabled: boolean;
  /** The sandbox may move its clock only when no real platform is configured (see src/http/sandbox.route.ts). */
  sandboxClockMovable: boolean;
  linkSecret: string;
  instanceId: string;
}

export class ConfigError extends Error {}

/** `optionalFrom`: names before this index may be set for another group without asking for the rest. */
function group<T>(env: Env, names: (keyof Env)[], build: () => T, optionalFrom = 0): T | undefined {
  const present = names.filter((n) => env[n] !== undefined);
  if (present.length === 0 || names.slice(optionalFrom).every((n) => env[n] === undefined)) return undefined;
  if (present.length < names.length) {
    const missing = names.filter((n) => env[n] === undefined);
    const cause = names.slice(optionalFrom).find((n) => env[n] !== undefined) ?? present[0];
    throw new ConfigError(`${String(missing[0])}: required when ${String(cause)} is set`);
  }
  return build();
}

/** Validates the environment; throws ConfigError with one line naming the variable. */
export function readConfig(raw: NodeJS.ProcessEnv): Config {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const env = parsed.data;
  const wecomApp = group(env, ['WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY', 'WECOM_CORP_ID'], () => ({
    token: env.WECOM_TOKEN!, aesKey: env.WECOM_ENCODING_AES_KEY!, corpId: env.WECOM_CORP_ID!,
  }));
  const wecomAppSender = group(env, ['WECOM_CORP_ID', 'WECOM_CORP_SECRET', 'WECOM_AGENT_ID'], () => ({
    corpId: env.WECOM_CORP_ID!, secret: env.WECOM_CORP_SECRET!, agentId: env.WECOM_AGENT_ID!,
  }), 1);
  const wecomBot = group(env, ['WECOM_BOT_TOKEN', 'WECOM_BOT_ENCODING_AES_KEY'], () => ({
    token: env.WECOM_BOT_TOKEN!, aesKey: env.WECOM_BOT_ENCODING_AES_KEY!,
  }));
  const dingtalk = group(env, ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET'], () => ({
    appKey: env.DINGTALK_APP_KEY!, appSecret: env.DINGTALK_APP_SECRET!, robotCode: env.DINGTALK_ROBOT_CODE, corpId: env.DINGTALK_CORP_ID,
  }));
  let wecomWs: Config['wecomWs'];
  if (env.WECOM_BOT_MODE === 'websocket') {
    if (!env.WECOM_BOT_ID) throw new ConfigError('WECOM_BOT_ID: required when WECOM_BOT_MODE=websocket (智能机器人 → API 模式 → 长连接 → BotID)');
    if (!env.WECOM_BOT_SECRET) throw new ConfigError('WECOM_BOT_SECRET: required when WECOM_BOT_MODE=websocket (智能机器人 → API 模式 → 长连接 → Secret)');
    wecomWs = { botId: env.WECOM_BOT_ID, secret: env.WECOM_BOT_SECRET, url: env.WECOM_WS_URL };
  }
  if (env.DINGTALK_MODE === 'stream' && !dingtalk) throw new ConfigError('DINGTALK_APP_KEY: required when DINGTALK_MODE=stream (with DINGTALK_APP_SECRET)');
  // Card taps arrive over the Stream card topic only, and carry a bare userId/corpId: the corp must be known (docs/cards.md).
  if (env.DINGTALK_CARDS === 'interactive' && (env.DINGTALK_MODE !== 'stream' || !env.DINGTALK_CORP_ID)) throw new ConfigError('DINGTALK_CARDS=interactive: needs DINGTALK_MODE=stream and DINGTALK_CORP_ID');
  const llm = env.OPENAI_API_KEY
    ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL, timeoutMs: env.OPENAI_TIMEOUT_MS }
    : undefined;
  const anyPlatform = Boolean(wecomApp || wecomBot || wecomWs || dingtalk);
  const sandboxEnabled = env.SANDBOX === '1' || (env.SANDBOX === undefined && !anyPlatform);
  // In the sandbox anyone can speak as anyone: beside a real platform it needs its own credential.
  if (sandboxEnabled && anyPlatform && !env.SANDBOX_TOKEN) {
    throw new ConfigError('SANDBOX_TOKEN: required when SANDBOX=1 runs beside a configured platform (the sandbox lets anyone act as any member); set it or SANDBOX=0');
  }
  return {
    ...env,
    wecomApp,
    wecomBot,
    wecomWs,
    dingtalkStream: env.DINGTALK_MODE === 'stream',
    wecomAppSender,
    dingtalk,
    llm,
    sandboxEnabled,
    sandboxClockMovable: sandboxEnabled && !anyPlatform,
    // Without a configured secret, links are signed with a per-database secret (see link-signer).
    linkSecret: env.LINK_SECRET ?? '',
    instanceId: env.INSTANCE_ID ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  };
}
