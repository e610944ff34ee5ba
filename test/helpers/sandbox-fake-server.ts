// In-memory stand-in for the real sandbox API, so the page can be driven in Chromium without the bot.
// Run standalone for manual checks: npx tsx test/helpers/sandbox-fake-server.ts  (port 5178 or $PORT)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { readSandboxAsset, type SandboxAssetName } from '../../src/http/sandbox/assets.js';

export interface FakeMessage {
  seq: number; groupId: string; direction: 'in' | 'out'; senderName: string;
  text?: string; markdown?: string; imageUrls: string[]; at: string;
}

const groups = [
  { id: 'g-lc-shiyan', name: '鲤城实验小学安全群', unitName: '鲤城实验小学' },
  { id: 'g-fz-zhongxue', name: '丰泽第一中学安全群', unitName: '丰泽第一中学' },
  { id: 'g-lc-district', name: '鲤城区教育局安全工作群', unitName: '鲤城区教育局' },
];
const ROLE_LABELS: Record<string, string> = { teacher: '教师', safety_officer: '安全员', principal: '校长', district_admin: '区教育局管理员', city_admin: '市教育局管理员' };
const members = [
  { userId: 'u-wang', name: '王老师', role: 'teacher', unitName: '鲤城实验小学', groupIds: ['g-lc-shiyan'] },
  { userId: 'u-lin', name: '林安全员', role: 'safety_officer', unitName: '鲤城实验小学', groupIds: ['g-lc-shiyan'] },
  { userId: 'u-chen', name: '陈校长', role: 'principal', unitName: '丰泽第一中学', groupIds: ['g-fz-zhongxue'] },
  { userId: 'u-huang', name: '黄科长', role: 'district_admin', unitName: '鲤城区教育局', groupIds: ['g-lc-district', 'g-lc-shiyan'] },
  { userId: 'u-zhang', name: '张处长', role: 'city_admin', unitName: '泉州市教育局', groupIds: ['g-lc-district', 'g-fz-zhongxue'] },
].map((m) => ({ ...m, roleLabel: ROLE_LABELS[m.role] }));

function botCard(text: string, hazardNo: number): string {
  return [
    `### 已登记隐患 <font color="warning">橙色</font>`,
    `**编号**：QZ-${String(hazardNo).padStart(4, '0')}`,
    `> ${text || '（仅照片）'}`,
    `整改期限：<font color="info">3 天内</font>`,
    `<font color="comment">回复“已整改”并附照片即可销号</font>`,
    `[查看隐患详情](https://example.com/hazards/${hazardNo})`,
  ].join('\n');
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

export async function startSandboxFakeServer(port = 0): Promise<{ url: string; messages: FakeMessage[]; close(): Promise<void> }> {
  const messages: FakeMessage[] = [];
  const uploads: { type: string; body: Buffer }[] = [];
  let offsetMs = 0;
  let seq = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const push = (m: Omit<FakeMessage, 'seq' | 'at'>) => { messages.push({ ...m, seq: ++seq, at: now().toISOString() }); return seq; };

  push({ groupId: 'g-lc-shiyan', direction: 'out', senderName: '安全助手', imageUrls: [],
    markdown: '## 欢迎使用校园安全助手\n发现隐患时 **@安全助手** 描述问题并附照片即可上报。\n> 风险等级：红 / 橙 / 黄 / 蓝' });

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const assets: Record<string, SandboxAssetName> = {
    '/sandbox': 'page.html', '/sandbox/': 'page.html', '/sandbox/sandbox.js': 'sandbox.js', '/sandbox/sandbox.css': 'sandbox.css',
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const asset = assets[url.pathname];
      if (req.method === 'GET' && asset) {
        const a = await readSandboxAsset(asset);
        res.writeHead(200, { 'content-type': a.type, 'cache-control': 'no-store' });
        return res.end(a.body);
      }
      const up = /^\/sandbox\/uploads\/(\d+)$/.exec(url.pathname);
      if (req.method === 'GET' && up && uploads[+up[1]]) {
        res.writeHead(200, { 'content-type': uploads[+up[1]].type });
        return res.end(uploads[+up[1]].body);
      }
      if (req.method === 'GET' && url.pathname === '/sandbox/api/state') {
        return json(res, 200, { now: now().toISOString(), groups, members });
      }
      if (req.method === 'GET' && url.pathname === '/sandbox/api/messages') {
        const after = Number(url.searchParams.get('after') ?? 0);
        const gid = url.searchParams.get('groupId');
        return json(res, 200, { messages: messages.filter((m) => m.seq > after && (!gid || m.groupId === gid)) });
      }
      if (req.method === 'POST' && url.pathname === '/sandbox/api/send') {
        const b = await readJson(req);
        const member = members.find((m) => m.userId === b.userId);
        if (!groups.some((g) => g.id === b.groupId) || !member) return json(res, 400, { error: '未知的群或成员' });
        if (!member.groupIds.includes(b.groupId)) return json(res, 403, { error: '该成员不在此群' });
        const text = String(b.text ?? '').trim();
        if (text === '/fail') return json(res, 400, { error: '模拟的服务端错误' }); // lets the e2e test see error display
        if (!text && !b.imageDataUrl) return json(res, 400, { error: '消息不能为空' });
        const imageUrls: string[] = [];
        const m = typeof b.imageDataUrl === 'string' && /^data:(image\/[\w.+-]+);base64,(.+)$/.exec(b.imageDataUrl);
        if (m) imageUrls.push(`/sandbox/uploads/${uploads.push({ type: m[1], body: Buffer.from(m[2], 'base64') }) - 1}`);
        const shown = b.mention ? `@安全助手 ${text}`.trim() : text;
        const s = push({ groupId: b.groupId, direction: 'in', senderName: member.name, text: shown, imageUrls });
        if (b.mention) push({ groupId: b.groupId, direction: 'out', senderName: '安全助手', imageUrls: [], markdown: botCard(text, s) });
        return json(res, 200, { ok: true, seq: s });
      }
      if (req.method === 'POST' && url.pathname === '/sandbox/api/clock') {
        const b = await readJson(req);
        if (b.reset) { offsetMs = 0; return json(res, 200, { now: now().toISOString(), fired: 0 }); }
        const at = Date.parse(b.at);
        if (Number.isNaN(at)) return json(res, 400, { error: '时间格式不正确' });
        offsetMs = at - Date.now();
        // One canned reminder per jump, into the district group, so unread badges can be observed.
        push({ groupId: 'g-lc-district', direction: 'out', senderName: '安全助手', imageUrls: [],
          markdown: `### 整改到期提醒\n鲤城实验小学有 **2** 条隐患 <font color="warning">明天到期</font>\n- 教学楼三楼消防通道堵塞\n- 食堂燃气报警器失灵` });
        return json(res, 200, { now: now().toISOString(), fired: 1 });
      }
      json(res, 404, { error: 'not found' });
    } catch (e) {
      json(res, 500, { error: (e as Error).message });
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { port: p } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${p}`,
    messages,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = await startSandboxFakeServer(Number(process.env.PORT ?? 5178));
  console.log(`sandbox fake server: ${s.url}/sandbox/`);
}
