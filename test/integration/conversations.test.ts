// Issue 20 through the real bot (signed DingTalk callbacks, real database): a table of loose inputs, each with the
// command it must run or the question it must get back; short codes, 销号, dates, the question back kept in the
// database, English reports, duplicates and merges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbTargets } from '../helpers/db';
import { FakePlatform, textOf } from '../helpers/fake-platform';
import { botEnv } from '../helpers/platform-sim';
import { startBot, type TestBot } from '../helpers/bot';
import { DingtalkChat } from '../helpers/chat';
import { grant } from '../helpers/trust';
import { parseDeadline } from '../../src/services/hazards/deadline';
import { markdownToPlain } from '../../src/platforms/markdown';
import { defaultCatalogue } from '../../src/services/checklist/catalogue';
import { QUANZHOU_CALENDAR } from '../../src/services/deadlines/calendar';

const targets = await dbTargets();
const short = (code: string) => String(Number(code.slice(-6)));

describe.each(targets)('forgiving conversations on $name', (target) => {
  let url: string;
  let fake: FakePlatform;
  let t: TestBot;
  let school: DingtalkChat;
  let district: DingtalkChat;
  const codes: string[] = [];
  const code = (text: string) => /YH-\d{4}-\d{6}/.exec(text)?.[0] ?? '';
  const count = async (sql: string, p: unknown[] = []) => Number((await t.bot.ds.query(sql, p))[0].n);
  const status = async (c: string) => (await t.bot.ds.query(`SELECT status FROM hazard WHERE code = ?`, [c]))[0].status;

  beforeAll(async () => {
    url = await target.create();
    fake = await new FakePlatform().start();
    t = await startBot(url, botEnv(fake.url));
    await t.bot.ds.query(`INSERT INTO unit (name, kind, parent_id, created_at) SELECT '东海中学', 'school', id, 0 FROM unit WHERE name = '丰泽区教育局'`);
    school = new DingtalkChat(t.base, fake, 'cid-dh');
    district = new DingtalkChat(t.base, fake, 'cid-fz');
    await grant(t.bot.ds, [
      ['dingtalk', 'huang', '区教育局管理员', '丰泽区教育局', '黄科长'],
      ['dingtalk', 'zheng', '市教育局管理员', '泉州市教育局', '郑科长'],
      ['dingtalk', 'wang', '安全员', '东海中学', '王安全员'],
    ]);
    school.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    district.mentionIds = { 林校长: 'lin', 赵师傅: 'zhao', 王安全员: 'wang', 李老师: 'li' };
    await district.say('huang', '黄科长', '/绑定 丰泽区教育局');
    await school.say('wang', '王安全员', '/绑定 东海中学');
    await school.say('lin', '林校长', '/我是谁');
    await school.say('wang', '王安全员', '/角色 @林校长 校长');
    for (const [u, n] of [['zhao', '赵师傅'], ['li', '李老师'], ['chen', '陈老师']]) await school.say(u, n, '/我是谁');
    for (const text of ['二楼男厕所的灯坏了一个星期', '食堂冰箱里的熟食没有标注日期', '操场东侧篮球架底座松动，摇晃', '教室的投影仪吊架松动', '实验室的灭火毯和急救箱都找不到了']) {
      codes.push(code(await school.say('li', '李老师', `/隐患 ${text}`)));
    }
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await target.drop(url);
  });

  it('a table of loose inputs: each runs its command or gets the question back', async () => {
    const [c0, c1, c2] = codes;
    const lower = c0.toLowerCase();
    const TABLE: [string, string, string, RegExp][] = [
      // help, lists, whoami: slashless, spaceless, full width, English
      ['li', '李老师', '帮助', /你可以做的（教师 · 东海中学）/], ['li', '李老师', '/帮助', /你可以/], ['li', '李老师', '／帮助', /你可以/], ['li', '李老师', 'help', /你可以/],
      ['li', '李老师', '帮助一下', /你可以/], ['li', '李老师', '菜单', /你可以/], ['li', '李老师', '/帮助 全部', /全部指令/], ['li', '李老师', '帮助 验收', /\/验收 <编号>/],
      ['li', '李老师', '清单', /在办隐患/], ['li', '李老师', '/清单', /在办隐患/], ['li', '李老师', '/清单 第1页', /第 1\/1 页/], ['li', '李老师', '清单 1', /第 1\/1 页/],
      ['li', '李老师', '/清单 第 1 页', /第 1\/1 页/], ['li', '李老师', '／清单　１', /第 1\/1 页/], ['li', '李老师', '列表', /在办隐患/], ['li', '李老师', 'list', /在办隐患/],
      ['li', '李老师', '/清单黄', /在办隐患|没有符合条件/], ['li', '李老师', '清单 逾期', /没有符合条件|在办隐患/], ['li', '李老师', '我的', /我上报的隐患/], ['li', '李老师', '/我的', /我上报的隐患/],
      ['li', '李老师', 'mine', /我上报的隐患/], ['li', '李老师', '我是谁', /角色：教师/], ['li', '李老师', 'whoami', /角色：教师/], ['li', '李老师', '/我是谁', /角色：教师/],
      // 查询: with and without slash or space, any case, short numbers
      ['li', '李老师', `/查询${c0}`, new RegExp(`\\*\\*${c0} ·`)], ['li', '李老师', `查询${c0}`, new RegExp(`${c0} ·`)], ['li', '李老师', `查询 ${c0}`, new RegExp(`${c0} ·`)],
      ['li', '李老师', `/查询${lower}`, new RegExp(`${c0} ·`)], ['li', '李老师', `查询 ${c0.replace(/-/g, '')}`, new RegExp(`${c0} ·`)],
      ['li', '李老师', `查询 ${short(c0)}`, new RegExp(`${c0} ·`)], ['li', '李老师', `查询${short(c0)}`, new RegExp(`${c0} ·`)], ['li', '李老师', `/查询 ${c0.slice(-6)}`, new RegExp(`${c0} ·`)],
      ['li', '李老师', `/查询 #${short(c1)}`, new RegExp(`${c1} ·`)], ['li', '李老师', `query ${short(c1)}`, new RegExp(`${c1} ·`)], ['li', '李老师', `查看 ${short(c1)}`, new RegExp(`${c1} ·`)],
      ['li', '李老师', `／查询　${c1.replace(/[0-9A-Z-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))}`, new RegExp(`${c1} ·`)],
      ['li', '李老师', '/查询 999999', /没有找到/], ['li', '李老师', '查询 YH-2099-999999', /没有找到 YH-2099-999999/],
      // unknown words are echoed as typed
      ['li', '李老师', `/QueryX${c0}`, new RegExp(`「/QueryX${c0}」`)], ['li', '李老师', '/qingdan', /不认识这个指令「\/qingdan」/],
      // refusals prove the command ran, with the code resolved from the short number
      ['li', '李老师', `确认 ${short(c0)}`, new RegExp(`只有本校安全员或校长可以处理 ${c0}`)], ['li', '李老师', `/确认${short(c0)}`, new RegExp(`处理 ${c0}`)],
      ['li', '李老师', `confirm ${short(c0)}`, new RegExp(`处理 ${c0}`)], ['li', '李老师', `驳回 ${short(c0)} 不是隐患`, new RegExp(`处理 ${c0}`)],
      ['li', '李老师', `指派 ${short(c0)} @赵师傅`, new RegExp(`处理 ${c0}`)], ['li', '李老师', `改级 ${short(c0)} 红`, new RegExp(`处理 ${c0}`)],
      ['li', '李老师', `合并 ${short(c0)} ${short(c1)}`, new RegExp(`处理 ${c0}`)], ['li', '李老师', `销号 ${short(c0)}`, new RegExp(`验收 ${c0}`)],
      ['li', '李老师', `/销号 ${c0}`, new RegExp(`验收 ${c0}`)], ['li', '李老师', '销号吧', /没有你可以处理的「待验收」/], ['li', '李老师', '销号', /没有你可以处理的「待验收」/],
      ['li', '李老师', `整改 ${short(c2)} 已处理`, new RegExp(`提交整改 ${c2}`)],
      // dates wherever a deadline is accepted (the safety officer confirms with each)
      ['wang', '王安全员', `/确认 ${short(c0)} @赵师傅 下周五`, new RegExp(`${c0} → 整改中 · 责任人 赵师傅`)],
      ['wang', '王安全员', `确认${short(c1)} 月底`, new RegExp(`${c1} → 整改中`)], ['wang', '王安全员', `确认 ${short(c2)} 12月20日`, new RegExp(`${c2} → 整改中`)],
      ['wang', '王安全员', `指派 ${short(c0)} @赵师傅 3天`, /已指派给 赵师傅/], ['wang', '王安全员', `/指派${short(c1)} @赵师傅 明天`, /已指派给 赵师傅/],
      ['wang', '王安全员', `指派 ${short(c2)} @赵师傅 下下周一`, /已指派给 赵师傅/], ['wang', '王安全员', `指派 ${short(c2)} @赵师傅 下辈子`, /看不懂「下辈子」.*下周五/],
      // rectify and 销号 by words
      ['zhao', '赵师傅', `整改 ${short(c0)} 灯管已更换`, new RegExp(`${c0} → 待验收`)], ['zhao', '赵师傅', `/整改${short(c1)} 已贴日期标签`, new RegExp(`${c1} → 待验收`)],
      ['lin', '林校长', '销号', /有 2 条「待验收」/], ['lin', '林校长', `销号吧 ${short(c0)}`, new RegExp(`${c0} 已销号`)],
      ['lin', '林校长', '销号吧', new RegExp(`${c1} 已销号`)], ['lin', '林校长', `/销号 ${short(c0)}`, /当前是「已销号」/],
      // reports: vague ones get the question back, the follow-up completes them; English is answered in Chinese
      ['chen', '陈老师', '有问题', /在哪里？看到了什么？/], ['chen', '陈老师', '二楼女厕所的窗户玻璃裂了一大块', /已登记隐患 YH-/],
      ['chen', '陈老师', '这里不太安全', /在哪里？看到了什么？/], ['chen', '陈老师', '三楼楼梯口', /三楼楼梯口看到了什么？/],
      ['chen', '陈老师', '堆了好多旧桌椅把疏散通道堵了', /已登记隐患 YH-/], ['chen', '陈老师', '/隐患 有问题', /在哪里？看到了什么？/],
      ['chen', '陈老师', '算了', /这次不登记/], ['chen', '陈老师', '隐患 有个隐患', /在哪里？看到了什么？/], ['chen', '陈老师', '配电房门口积水很深，插座泡在水里', /(已登记隐患|疑似重大事故隐患) YH-/],
      ['chen', '陈老师', 'There is a problem', /在哪里？看到了什么？/], ['chen', '陈老师', 'the exit sign on floor 3 is broken', /已登记隐患 YH-/],
      ['li', '李老师', 'The fire extinguisher on floor 2 is expired', /已登记隐患 YH-[\s\S]*2楼[\s\S]*消防安全/],
      ['li', '李老师', 'Exposed live wires in the hallway outside room 105', /已登记隐患 YH-[\s\S]*105室/],
      ['li', '李老师', 'A student is charging an e-bike battery inside the dorm', /重大事故隐患/],
      ['li', '李老师', '今天下午几点开会？', /我只负责安全相关的事/], ['li', '李老师', '好的', /我只负责安全相关的事/],
      ['li', '李老师', '隐患：宿舍走廊的灭火器过期了', /已登记隐患 YH-/], ['li', '李老师', '/隐患宿舍阳台的护栏高度不够一米', /已登记隐患 YH-/],
    ];
    expect(TABLE.length).toBeGreaterThanOrEqual(80);
    const failures: string[] = [];
    for (const [uid, nick, input, expected] of TABLE) {
      const reply = await school.say(uid, nick, input);
      if (!expected.test(reply)) failures.push(`${input} → ${reply.replace(/\n+/g, " ⏎ ").slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    const withDeadline = await t.bot.ds.query(`SELECT deadline_at, updated_at FROM hazard WHERE code = ?`, [c2]);
    expect(Number(withDeadline[0].deadline_at)).toBe(parseDeadline('下下周一', Number(withDeadline[0].updated_at)));
  });

  it('「/隐患 有问题」 and a vague message file nothing; the question is kept in the database', async () => {
    const before = await count(`SELECT COUNT(*) AS n FROM hazard`);
    expect(await school.say('zhao', '赵师傅', '/隐患 有问题')).toContain('在哪里？看到了什么？');
    expect(await count(`SELECT COUNT(*) AS n FROM hazard`)).toBe(before);
    expect(await count(`SELECT COUNT(*) AS n FROM conversation_ask WHERE member_id = (SELECT id FROM member WHERE name = '赵师傅')`)).toBe(1);
    // Another person's message does not complete it.
    expect(await school.say('li', '李老师', '锅炉房')).toContain('锅炉房看到了什么？');
    expect(await school.say('zhao', '赵师傅', '锅炉房的安全阀很久没校验了')).toMatch(/(已登记隐患|疑似重大事故隐患) YH-/);
    const [h] = await t.bot.ds.query(`SELECT description FROM hazard ORDER BY id DESC LIMIT 1`);
    expect(h.description).toBe('有问题，锅炉房的安全阀很久没校验了');
    expect(await count(`SELECT COUNT(*) AS n FROM conversation_ask WHERE member_id = (SELECT id FROM member WHERE name = '赵师傅')`)).toBe(0);
  });

  it('after 10 minutes the question has lapsed: the follow-up stands on its own', async () => {
    expect(await school.say('zhao', '赵师傅', '这边有点危险')).toContain('在哪里');
    await t.bot.ds.query(`UPDATE conversation_ask SET expires_at = 0`);
    expect(await school.say('zhao', '赵师傅', '谢谢')).toContain('我只负责安全相关的事');
  });

  it('a second similar report says 「可能与 … 重复」, the safety officer merges, the reporter is told', async () => {
    const first = code(await school.say('li', '李老师', '实验楼二楼走廊堆了很多旧桌椅'));
    const second = await school.say('chen', '陈老师', '实验楼二楼走廊堆了好多旧课桌椅把疏散通道堵了');
    const dup = code(second);
    expect(second).toContain(`可能与 ${first} 重复（待确认 · 责任人 王安全员）`);
    expect(second).toContain(`/合并 ${dup} ${first}`);
    expect(second).not.toContain('/驳回');
    // Another floor is another hazard.
    expect(await school.say('li', '李老师', '实验楼四楼走廊堆了很多旧桌椅')).not.toContain('可能与');
    expect(await school.say('li', '李老师', `合并 ${short(dup)} ${short(first)}`)).toContain('只有本校安全员或校长');
    const merged = await school.say('wang', '王安全员', `合并 ${short(first)} ${short(dup)}`);
    expect(merged).toContain(`已合并：${dup} → ${first}`);
    expect(merged).toContain(`陈老师：你上报的 ${dup} 与 ${first} 是同一个隐患`);
    expect(await status(dup)).toBe('rejected');
    expect(await status(first)).toBe('pending');
    const history = await school.say('chen', '陈老师', `查询 ${short(first)}`);
    expect(history).toContain('合并重复');
    // 驳回 with the reason 重复 merges into the suspected original.
    const third = code(await school.say('zhao', '赵师傅', '实验楼二楼走廊还是堆着旧桌椅'));
    expect(await school.say('wang', '王安全员', `驳回 ${short(third)} 重复`)).toContain(`已合并：${third} → ${first}`);
  });

  it('no reply or push shows an internal id or a raw escape', async () => {
    fake.reset();
    const itemKeys = defaultCatalogue.items.map((i) => i.code);
    const deadlineKeys = QUANZHOU_CALENDAR.map((d) => d.key).filter((k) => k.length > 3);
    const leaks = (text: string): string[] => {
      const found: string[] = [];
      for (const k of itemKeys) if (text.includes(k)) found.push(k);
      for (const k of deadlineKeys) if (new RegExp(`(?<![A-Za-z])${k}(?![A-Za-z])`).test(text)) found.push(`deadline ${k}`);
      for (const m of text.matchAll(/(?<![A-Za-z/])(pending|rectifying|verifying|rejected|safety_officer|district_admin|city_admin|hazard_mgmt|stage-[a-z]+|key [a-z0-9-]+)(?![A-Za-z])/g)) found.push(m[1]);
      // What a person reads: the plain rendering must not show a backslash before a markup character.
      if (/\\[_*`[\]#>]/.test(markdownToPlain(text))) found.push('raw escape');
      return found;
    };
    const script: [string, string, string][] = [
      ['li', '李老师', '/隐患 B_1 教室 *插座* 面板 [裂了] 有电线露出来'], ['li', '李老师', '我的'], ['li', '李老师', '清单'], ['li', '李老师', '/帮助'],
      ['li', '李老师', '/帮助 全部'], ['li', '李老师', '/帮助 验收'], ['li', '李老师', '我是谁'], ['li', '李老师', '/提醒'], ['li', '李老师', '/截止'],
      ['wang', '王安全员', '清单 逾期'], ['wang', '王安全员', '/季报'], ['wang', '王安全员', '/进度'], ['wang', '王安全员', '/推送'], ['wang', '王安全员', '/导出 台账 本月'],
      ['wang', '王安全员', '/整改期限'], ['wang', '王安全员', '/已报送 方案'], ['wang', '王安全员', '/撤销报送 方案'], ['lin', '林校长', '/周报'], ['lin', '林校长', '/目标'],
      ['li', '李老师', '/不存在的指令'], ['li', '李老师', '有问题'], ['li', '李老师', '算了'],
    ];
    const failures: string[] = [];
    let last = '';
    for (const [uid, nick, text] of script) {
      const reply = await school.say(uid, nick, text);
      if (text.startsWith('/隐患')) last = code(reply);
      for (const l of leaks(reply)) failures.push(`${text} → ${l}`);
    }
    for (const text of [`查询 ${short(last)}`, `确认 ${short(last)}`, `/驳回 ${short(last)} 不是隐患`, `查询 ${short(last)}`]) {
      const reply = await school.say('wang', '王安全员', text);
      for (const l of leaks(reply)) failures.push(`${text} → ${l}`);
    }
    for (const text of ['/进度', '/季报 汇总', '/截止', '/提醒']) {
      const reply = await district.say('huang', '黄科长', text);
      for (const l of leaks(reply)) failures.push(`district ${text} → ${l}`);
    }
    // Pushes made along the way (group messages) are scanned too.
    for (const r of fake.requests.filter((x) => x.path === '/v1.0/robot/groupMessages/send')) for (const l of leaks(textOf(r))) failures.push(`push → ${l}`);
    expect(failures).toEqual([]);
  });

  it('/帮助 is role-aware for every role; /帮助 全部 lists everything', async () => {
    const city = new DingtalkChat(t.base, fake, 'cid-city');
    expect(await city.say('zheng', '郑科长', '/绑定 泉州市教育局')).toContain('市教育局管理员');
    const loose = new DingtalkChat(t.base, fake, 'cid-unbound');
    const first = (reply: string, words: string[]) => words.map((w) => reply.indexOf(`\n/${w} `)).every((i, k, a) => i > 0 && (k === 0 || i > a[k - 1]));
    const cases: [DingtalkChat, string, string, RegExp, string[], string[]][] = [
      [school, 'li', '李老师', /教师 · 东海中学/, ['隐患', '我的', '查询'], ['验收', '目标', '推送', '绑定']],
      [school, 'wang', '王安全员', /安全员 · 东海中学/, ['清单', '确认', '指派', '整改', '验收'], ['目标', '绑定']],
      [school, 'lin', '林校长', /校长 · 东海中学/, ['清单', '验收', '确认', '督办'], ['目标', '绑定', '整改期限']],
      [district, 'huang', '黄科长', /区教育局管理员 · 丰泽区教育局/, ['进度', '清单', '验收', '督办'], ['隐患', '确认', '整改期限']],
      [city, 'zheng', '郑科长', /市教育局管理员 · 泉州市教育局/, ['进度', '季报', '提醒', '截止', '目标'], ['隐患', '确认', '验收', '整改期限']],
      [loose, 'nobody', '路人', /还没有登记/, ['绑定', '我是谁'], ['隐患', '验收', '进度']],
    ];
    for (const [chat, uid, nick, header, ordered, absent] of cases) {
      const reply = await chat.say(uid, nick, '帮助');
      expect(reply, nick).toMatch(header);
      expect(first(reply, ordered), `${nick}: ${ordered.join(' < ')}`).toBe(true);
      for (const w of absent) expect(reply, `${nick} should not see /${w}`).not.toContain(`\n/${w} `);
    }
    const everything = await school.say('li', '李老师', '/帮助 全部');
    for (const w of ['隐患', '验收', '目标', '推送', '绑定', '合并', '季报']) expect(everything).toContain(`/${w}`);
  });

  it('a major hazard reported twice alerts the district once', async () => {
    fake.reset();
    const a = code(await school.say('li', '李老师', '男生宿舍3号楼有学生把电动车电池拿进寝室充电'));
    const b = await school.say('chen', '陈老师', '男生宿舍3号楼又有学生把电动车电池拿进寝室充电了');
    expect(b).toContain(`可能与 ${a} 重复`);
    expect(b).toContain('不再重复通知');
    await t.bot.worker.idle();
    await new Promise((r) => setTimeout(r, 500));
    const toDistrict = fake.requests.filter((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-fz');
    expect(toDistrict.filter((r) => textOf(r).includes(a))).toHaveLength(1);
    expect(toDistrict.filter((r) => textOf(r).includes(code(b)))).toHaveLength(0);

    // The district closes it: the school's group hears 销号 and the end of 挂牌督办.
    await school.say('wang', '王安全员', `确认 ${short(a)} @赵师傅 明天`);
    await school.say('zhao', '赵师傅', `整改 ${short(a)} 电池已收缴`);
    await school.say('wang', '王安全员', `督办 ${short(a)} 措施=收缴电池 责任人=林校长 资金=2万元 时限=12月10日 预案=宿舍火灾应急预案`);
    expect(await district.say('huang', '黄科长', `销号 ${a}`)).toContain(`${a} 已销号`);
    await fake.waitFor((r) => r.path === '/v1.0/robot/groupMessages/send' && r.body.openConversationId === 'cid-dh' && textOf(r).includes(`${a} · 已销号，挂牌督办解除`));
  });
});
