import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { org } from '../../db/repositories/org.repository';
import { audit } from '../audit';
import { GRID_WORDS, parseRole, rolesForUnit } from './roles';
import { parseGridPlaces } from './grid';
import type { Role } from '../../../entities/member.entity';
import type { UnitKind } from '../../../entities/unit.entity';

/** 网格员 is a teacher with places (年段长、班主任); an empty cell is a teacher. */
const roleOf = (word: string | undefined): Role | undefined => (!word || GRID_WORDS.includes(word) ? 'teacher' : parseRole(word));

/**
 * Columns (header row required, Chinese or English names):
 *   单位 unit · 上级单位 parent · 类型 kind (学校|区教育局|市教育局) · 姓名 name · 平台 platform (wecom|dingtalk|local)
 *   · 用户ID user_id · 角色 role · 手机 mobile · 网格 grid (a 网格员's places, e.g. 三年级、实验楼; 角色 may be 网格员)
 * A row may declare a unit only (no 用户ID) or a member of a unit declared in the file or already in the database.
 */
const HEADERS: Record<string, string> = {
  单位: 'unit', unit: 'unit', 上级单位: 'parent', parent: 'parent', 类型: 'kind', kind: 'kind', 姓名: 'name', name: 'name',
  平台: 'platform', platform: 'platform', 用户id: 'user_id', 用户ID: 'user_id', user_id: 'user_id', 角色: 'role', role: 'role', 手机: 'mobile', mobile: 'mobile', 网格: 'grid', grid: 'grid',
};

const KIND: Record<string, UnitKind> = { 学校: 'school', school: 'school', 区教育局: 'district', 县教育局: 'district', district: 'district', 市教育局: 'city', city: 'city' };

const Row = z.object({
  unit: z.string().trim().min(1, '单位不能为空').max(100, '单位名称最长 100 字'),
  parent: z.string().trim().optional(),
  kind: z.string().trim().optional(),
  name: z.string().trim().max(100).optional(),
  platform: z.enum(['wecom', 'dingtalk', 'local']).optional().or(z.literal('').transform(() => undefined)),
  user_id: z.string().trim().max(191).optional(),
  role: z.string().trim().optional(),
  mobile: z.string().trim().regex(/^$|^1\d{10}$/, '手机号应为 11 位数字').optional(),
  grid: z.string().trim().max(600).optional(),
});

export interface ImportResult {
  ok: boolean;
  errors: { line: number; message: string }[];
  unitsCreated: number;
  membersUpserted: number;
}

export async function importOrgCsv(ds: DataSource, csv: string, now: number): Promise<ImportResult> {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (err: any) {
    return { ok: false, errors: [{ line: err?.lines ?? 1, message: `CSV 格式错误：${err?.message}` }], unitsCreated: 0, membersUpserted: 0 };
  }
  const [header, ...body] = records;
  const cols = (header ?? []).map((h) => HEADERS[h] ?? HEADERS[h.toLowerCase()]);
  const errors: ImportResult['errors'] = [];
  if (!cols.includes('unit')) errors.push({ line: 1, message: '缺少表头「单位」' });
  const existing = new Map<string, { id: number; kind: UnitKind }>(
    (await org(ds).units()).map((u) => [u.name, { id: u.id, kind: u.kind }]),
  );
  const declared = new Map<string, { kind: UnitKind; parent?: string; line: number }>();
  const rows = body.map((rec, i) => ({ line: i + 2, data: Object.fromEntries(cols.map((c, j) => [c, rec[j] ?? ''])) }));
  const parsed: { line: number; row: z.infer<typeof Row> }[] = [];
  for (const { line, data } of rows) {
    const r = Row.safeParse(data);
    if (!r.success) {
      errors.push({ line, message: r.error.issues.map((i) => `${String(i.path[0] ?? '')}：${i.message}`).join('；') });
      continue;
    }
    parsed.push({ line, row: r.data });
    const kind = r.data.kind ? KIND[r.data.kind] : undefined;
    if (r.data.kind && !kind) errors.push({ line, message: `类型「${r.data.kind}」应为 学校、区教育局 或 市教育局` });
    if (!existing.has(r.data.unit) && !declared.has(r.data.unit)) {
      if (!r.data.parent && kind !== 'city') errors.push({ line, message: `新单位「${r.data.unit}」需要填写上级单位` });
      else declared.set(r.data.unit, { kind: kind ?? 'school', parent: r.data.parent, line });
    }
  }
  for (const [name, d] of declared) {
    if (d.parent === name) errors.push({ line: d.line, message: `单位「${name}」的上级单位不能是它自己` });
    else if (d.parent && !existing.has(d.parent) && !declared.has(d.parent)) errors.push({ line: d.line, message: `上级单位「${d.parent}」不存在` });
  }
  errors.push(...hierarchyErrors(declared, existing));
  const kindOf = (name: string) => existing.get(name)?.kind ?? declared.get(name)?.kind;
  for (const { line, row } of parsed) {
    if (!row.user_id) continue;
    if (!row.platform) errors.push({ line, message: '有用户ID时必须填写平台（wecom、dingtalk 或 local）' });
    const role = roleOf(row.role);
    if (!role) errors.push({ line, message: `角色「${row.role}」不认识` });
    if (row.grid || (row.role && GRID_WORDS.includes(row.role))) {
      const g = parseGridPlaces(row.grid ?? '');
      if ('error' in g) errors.push({ line, message: `网格：${g.error}` });
    }
    const kind = kindOf(row.unit);
    if (role && kind && !rolesForUnit({ kind } as any).includes(role)) errors.push({ line, message: `「${row.unit}」不能有角色「${row.role}」` });
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line), unitsCreated: 0, membersUpserted: 0 };

  let unitsCreated = 0;
  let membersUpserted = 0;
  await ds.transaction(async (em) => {
    // Parents first: declared units are inserted until all are placed.
    const pending = new Map(declared);
    while (pending.size) {
      const before = pending.size;
      for (const [name, d] of pending) {
        const parentId = d.parent ? existing.get(d.parent)?.id : null;
        if (d.parent && parentId === undefined) continue;
        const id = await org(em).addUnit({ name, kind: d.kind, parentId: parentId ?? null, settings: null, createdAt: now });
        existing.set(name, { id, kind: d.kind });
        pending.delete(name);
        unitsCreated++;
      }
      // Validation rules out cycles; never spin inside the transaction (holding SQLite's write lock) if one slipped through.
      if (pending.size === before) throw new Error(`import-org: units without a placeable parent: ${[...pending.keys()].slice(0, 3).join(', ')}`);
    }
    for (const { row } of parsed) {
      if (!row.user_id || !row.platform) continue;
      const unitId = existing.get(row.unit)!.id;
      const role = roleOf(row.role)!;
      const places = row.grid ? parseGridPlaces(row.grid) : null;
      const grid = places && 'places' in places ? JSON.stringify(places.places) : null;
      const fields = { name: row.name || row.user_id, role, unitId, mobile: row.mobile || null, grid };
      const inserted = await org(em).claimMember({ platform: row.platform, userId: row.user_id, ...fields, createdAt: now, updatedAt: now });
      if (!inserted) await org(em).updateMemberByUser(row.platform, row.user_id, fields, now);
      membersUpserted++;
    }
    await audit(em, { at: now, actor: 'cli:import-org', action: 'org.import', detail: { unitsCreated, membersUpserted } });
  });
  return { ok: true, errors: [], unitsCreated, membersUpserted };
}

/** Which parent kinds each kind may have: a school under a district or the city (市属), a district under the city. */
const PARENT_KINDS: Record<UnitKind, UnitKind[]> = { school: ['district', 'city'], district: ['city'], city: [] };
const KIND_LABEL: Record<UnitKind, string> = { school: '学校', district: '区教育局', city: '市教育局' };

/**
 * Cycles (甲 → 乙 → 甲), and kinds that do not fit their parent (a school under a school, a district under a
 * district, a city with a parent), among the new units; existing units already form a tree. Linear: each unit's
 * chain is walked once, remembering units already known to reach an existing unit or the top.
 */
function hierarchyErrors(declared: Map<string, { kind: UnitKind; parent?: string; line: number }>, existing: Map<string, { id: number; kind: UnitKind }>): { line: number; message: string }[] {
  const errors: { line: number; message: string }[] = [];
  const kindOf = (n: string) => existing.get(n)?.kind ?? declared.get(n)?.kind;
  for (const [name, d] of declared) {
    if (!d.parent) {
      if (d.kind !== 'city') errors.push({ line: d.line, message: `${KIND_LABEL[d.kind]}「${name}」需要上级单位` });
      continue;
    }
    const pk = kindOf(d.parent);
    if (pk && !PARENT_KINDS[d.kind].includes(pk)) {
      errors.push({ line: d.line, message: `${KIND_LABEL[d.kind]}「${name}」不能隶属于${KIND_LABEL[pk]}「${d.parent}」（学校隶属于区教育局或市教育局，区教育局隶属于市教育局）` });
    }
  }
  const settled = new Set<string>();
  const reported = new Set<string>();
  for (const start of declared.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let cur: string | undefined = start;
    while (cur && declared.has(cur) && !settled.has(cur)) {
      if (onPath.has(cur)) {
        const cycle = path.slice(path.indexOf(cur));
        if (!cycle.some((c) => reported.has(c))) {
          cycle.forEach((c) => reported.add(c));
          errors.push({ line: declared.get(cur)!.line, message: `上级单位形成了循环：${[...cycle, cur].join(' → ')}` });
        }
        break;
      }
      onPath.add(cur);
      path.push(cur);
      cur = declared.get(cur)!.parent;
    }
    path.forEach((p) => settled.add(p));
  }
  return errors;
}
