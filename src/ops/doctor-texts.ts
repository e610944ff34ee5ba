// Every line `npm run doctor` prints: what was checked and, when it failed, what to fix (Chinese first).

export const DOCTOR = {
  header: (n: number) => `校园安全助手 配置检查（${n} 项）`,
  allGood: '全部通过。',
  failed: (n: number) => `${n} 项未通过：按上面的提示修改后再运行 npm run doctor。`,

  dbOk: (migration: string, kind: string) => `数据库（${kind}）：可连接、可写，迁移已是最新（${migration}）`,
  dbUnreachable: (detail: string) => `数据库无法连接（${detail}）：检查 DATABASE_URL 以及数据库服务是否在运行`,
  dbPending: (names: string[]) => `数据库有 ${names.length} 个迁移未执行（${names.join('、')}）：运行 npm run migrate，或重启机器人（启动时自动执行）`,
  dbNewer: (names: string[]) => `数据库来自更新的版本（未知迁移 ${names.join('、')}）：请把程序升级到与数据库相同的版本`,
  dbReadOnly: (detail: string) => `数据库只读或无法写入（${detail}）：检查文件/目录权限（SQLite）或账号的写权限（MySQL）`,

  dtNotConfigured: '钉钉：未配置（DINGTALK_APP_KEY / DINGTALK_APP_SECRET 为空），跳过',
  dtTokenOk: '钉钉：AppKey/AppSecret 有效，已取得 access token',
  dtTokenRejected: (code: string) =>
    `钉钉：AppKey/AppSecret 被拒绝（${code}）：在 钉钉开放平台 → 应用 → 凭证与基础信息 复制 Client ID 与 Client Secret 到 DINGTALK_APP_KEY、DINGTALK_APP_SECRET`,
  dtUnreachable: (base: string, detail: string) => `钉钉：无法访问 ${base}（${detail}）：检查服务器能否访问外网，或 DINGTALK_API_BASE 是否正确`,
  dtNoRobotCode: '钉钉：未设置 DINGTALK_ROBOT_CODE：群提醒需要它（钉钉开放平台 → 应用 → 机器人 → RobotCode）',
  dtSendOk: '钉钉：机器人编码正确，已有「企业内机器人发送消息权限」（试发到不存在的群，未发出任何消息）',
  dtNoPermission: (code: string) =>
    `钉钉：缺少「企业内机器人发送消息权限」qyapi_robot_sendmsg（${code}）：在 钉钉开放平台 → 应用 → 权限管理 申请该权限，然后发布新版本`,
  dtBadRobot: (code: string) => `钉钉：机器人编码无效（${code}）：把 钉钉开放平台 → 应用 → 机器人 页面上的 RobotCode 填入 DINGTALK_ROBOT_CODE，并确认机器人已发布`,
  dtSendUnknown: (code: string) => `钉钉：群发消息试调用返回了意外结果（${code}）：检查应用是否已发布、机器人是否已启用`,

  wcNoKeys: '企业微信推送：还没有群设置推送 key（在群里 /推送 设置 企业微信 <key>），跳过',
  wcKeyOk: (group: string, masked: string) => `企业微信推送：群「${group}」的 key ${masked} 有效（只上传了一个检查用的小文件，未在群里发消息）`,
  wcKeyDead: (group: string, masked: string, code: string) =>
    `企业微信推送：群「${group}」的 key ${masked} 已失效（${code}）：在该群重新添加「消息推送」机器人，然后在群里发送 /推送 设置 企业微信 <新的key>`,
  wcUnreachable: (base: string, detail: string) => `企业微信推送：无法访问 ${base}（${detail}）：检查服务器能否访问外网，或 WECOM_API_BASE 是否正确`,
  dtCustom: (group: string) => `钉钉自定义机器人：群「${group}」无法在不发消息的情况下检查，请在该群发送 /推送 测试`,

  llmNotConfigured: '模型：未配置 OPENAI_API_KEY，使用本地分类（无需检查）',
  llmOk: (model: string) => `模型：${model} 可用（一次 1 个 token 的试调用）`,
  llmRejectedKey: (status: number) => `模型：OPENAI_API_KEY 被拒绝（HTTP ${status}）：检查密钥是否正确、是否欠费`,
  llmNoModel: (model: string, status: number) => `模型：找不到模型 ${model} 或接口地址不对（HTTP ${status}）：检查 OPENAI_MODEL 和 OPENAI_BASE_URL（通常以 /v1 结尾）`,
  llmDead: (base: string, detail: string) =>
    `模型：OPENAI_BASE_URL ${base} 无法访问（${detail}）：检查地址、端口与网络；在修好之前机器人会自动改用本地分类`,
  llmError: (status: number) => `模型：试调用失败（HTTP ${status}）：检查 OPENAI_BASE_URL、OPENAI_MODEL 与服务商状态`,

  publicNotSet: '公网地址：未设置 PUBLIC_BASE_URL（下载链接将指向 localhost），跳过',
  publicOk: (url: string) => `公网地址：${url}/healthz 可访问`,
  publicBad: (url: string, detail: string) => `公网地址：${url}/healthz 无法访问（${detail}）：检查域名解析、nginx 反向代理与 TLS 证书，以及机器人是否在运行`,
} as const;
