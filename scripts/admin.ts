import 'dotenv/config';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { grantRole, GrantError, listAdmins, revokeRole } from '../src/services/org/admin-grant';
import { ROLE_LABEL } from '../src/services/org/roles';
import type { Platform } from '../src/services/org/types';

const USAGE = `用法：
  npm run admin -- grant <wecom|dingtalk> <用户ID> 市教育局管理员 [--name 姓名]
  npm run admin -- grant <wecom|dingtalk> <用户ID> 区教育局管理员 --unit 丰泽区教育局 [--name 姓名]
  npm run admin -- grant <wecom|dingtalk> <用户ID> 安全员 --unit 泉州市丰泽区东海中学 [--name 姓名]
  npm run admin -- revoke <wecom|dingtalk> <用户ID>
  npm run admin -- list            （列出所有教育局管理员和学校管理员）
用户ID：企业微信管理后台 → 通讯录 → 成员的「账号」；钉钉管理后台 → 通讯录 → 成员的 userid（staffId）。`;

const [cmd, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const positional = rest.filter((a, i) => !a.startsWith('--') && !rest[i - 1]?.startsWith('--'));
if (!cmd || !['grant', 'revoke', 'list'].includes(cmd)) {
  console.error(USAGE);
  process.exit(2);
}
const config = readConfig(process.env);
const ds = await openDataSource(config.DATABASE_URL);
const actor = `cli:admin:${process.env.USER ?? 'server'}`;
try {
  if (cmd === 'grant') {
    const [platform, userId, role] = positional;
    if (!platform || !userId || !role) throw new GrantError(USAGE);
    const r = await grantRole(ds, { platform: platform as Platform, userId, role, unit: flag('unit'), name: flag('name') }, actor, Date.now());
    console.log(`已设置：${platform}:${userId} 为「${r.unit}」的${ROLE_LABEL[r.role]}${r.created ? '（新成员）' : ''}。对方在群里 @机器人 发 /我是谁 即可确认。`);
  } else if (cmd === 'revoke') {
    const [platform, userId] = positional;
    if (!platform || !userId) throw new GrantError(USAGE);
    console.log((await revokeRole(ds, platform as Platform, userId, actor, Date.now())) ? `已撤销 ${platform}:${userId} 的管理员角色（现为教师）。` : `没有成员 ${platform}:${userId}。`);
  } else {
    const rows = await listAdmins(ds);
    for (const { member: m, unit } of rows) console.log(`${unit?.name ?? '（无单位）'}\t${ROLE_LABEL[m.role] ?? m.role}\t${m.name}\t${m.platform}:${m.userId}`);
    if (!rows.length) console.log('还没有任何管理员。先运行：npm run admin -- grant <平台> <用户ID> 市教育局管理员');
  }
} catch (err) {
  if (!(err instanceof GrantError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
} finally {
  await ds.destroy();
}
