// npm run seed:scale [-- --fresh] [--schools 3000] [--hazards 300000] [--at 2025-11-27T10:00:00+08:00]
// A city-sized database for the summary benchmark, in whatever DATABASE_URL names (SQLite or MySQL/MariaDB):
// 3,000 schools across the 13 districts, a year of hazards in every state (with 挂牌督办 for the major ones),
// a year of filings and the districts' /目标 counts. Seeded rows are marked, so --fresh removes only them.
import 'dotenv/config';
import { readConfig } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { seed } from '../src/db/repositories/seed.repository';
import { FilingEntity, type Filing } from '../entities/filing.entity';
import { HazardEntity, type Hazard } from '../entities/hazard.entity';
import { SupervisionEntity, type Supervision } from '../entities/supervision.entity';
import { UnitEntity, type Unit } from '../entities/unit.entity';
import { UnitTargetEntity, type UnitTarget } from '../entities/unit-target.entity';
import { UnitDirectory } from '../src/services/org/units';
import { items } from '../src/services/checklist/catalogue';
import { DEFAULT_DEADLINE_HOURS, hazardCode } from '../src/services/hazards/hazard.types';
import { loadCalendar } from '../src/services/deadlines/store';
import { filingUnits } from '../src/services/deadlines/audience';
import { occurrencesBetween } from '../src/services/deadlines/calendar';
import { dayKeyStart, DAY_MS, HOUR_MS, shanghaiDayKey, shanghaiParts } from '../src/services/time';
import { prng, weighted } from './seed-scale/bulk';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SCHOOLS = Number(arg('schools') ?? 3000);
const HAZARDS = Number(arg('hazards') ?? 300_000);
const NOW = arg('at') ? Date.parse(arg('at')!) : Date.now();
const MARK = '{"seed":"scale"}';
const rand = prng(20251127);

/** Roughly each district's share of the city's schools. */
const DISTRICT_SCHOOLS: Record<string, number> = {
  鲤城区教育局: 120, 丰泽区教育局: 200, 洛江区教育局: 110, 泉港区教育局: 130, 石狮市教育局: 220, 晋江市教育局: 600, 南安市教育局: 480,
  惠安县教育局: 330, 安溪县教育局: 380, 永春县教育局: 170, 德化县教育局: 120, 泉州开发区教育局: 40, 泉州台商投资区教育局: 100,
};
const RISK = { red: 3, orange: 15, yellow: 42, blue: 40 };
/** Median days to close, per colour: red is fixed within a day, blue within a week or so. */
const MEDIAN_DAYS = { red: 0.6, orange: 1.5, yellow: 3, blue: 6 };
const AREA_WEIGHT: Record<string, number> = {
  org: 2, rules: 4, hazard_mgmt: 5, education: 4, security: 10, building: 12, fire: 20, food: 14, lab: 6, facilities: 14, emergency: 4, governance: 5,
};
const ITEMS_BY_AREA = new Map<string, string[]>();
for (const it of items) ITEMS_BY_AREA.set(it.area, [...(ITEMS_BY_AREA.get(it.area) ?? []), it.code]);

const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
const t0 = Date.now();
const log = (msg: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

const config = readConfig(process.env);
const ds = await openDataSource(config.DATABASE_URL);
const rows = seed(ds);
try {
  const seeded = await rows.countMarkedSchools(MARK);
  if (seeded > 0 && !process.argv.includes('--fresh')) {
    console.log(`already seeded (${seeded} schools). Run with --fresh to rebuild.`);
    process.exit(0);
  }
  if (seeded > 0) {
    await rows.removeScaleSeed(MARK, 'seed');
    log('removed the previous seed');
  }

  // Schools, spread over the districts by weight.
  const districts = await rows.unitsOfKind('district');
  const totalWeight = districts.reduce((s, d) => s + (DISTRICT_SCHOOLS[d.name] ?? 100), 0);
  const schoolRows: Omit<Unit, 'id'>[] = [];
  for (const d of districts) {
    const count = Math.round((SCHOOLS * (DISTRICT_SCHOOLS[d.name] ?? 100)) / totalWeight);
    const area = String(d.name).replace(/教育局$/, '');
    for (let i = 1; i <= count; i++) {
      schoolRows.push({ name: `${area}第${i}${i % 7 === 0 ? '幼儿园' : i % 3 === 0 ? '中学' : '小学'}`, kind: 'school', parentId: d.id, settings: MARK, createdAt: NOW });
    }
  }
  await rows.bulkInsert(UnitEntity, schoolRows);
  const schoolIds = await rows.markedSchoolIds(MARK);
  log(`${schoolIds.length} schools`);

  // Hazards over the year before NOW, in every state; ids are assigned here so each code is derived from its id.
  let id = await rows.maxHazardId();
  let hazards: Partial<Hazard>[] = [];
  let supervisions: Omit<Supervision, 'id'>[] = [];
  let inserted = 0;
  let supervised = 0;
  // Generated and written in slices, so a city's year never sits in memory at once.
  const flush = async () => {
    await rows.bulkInsert(HazardEntity, hazards);
    await rows.bulkInsert(SupervisionEntity, supervisions);
    inserted += hazards.length;
    supervised += supervisions.length;
    hazards = [];
    supervisions = [];
  };
  for (let i = 0; i < HAZARDS; i++) {
    if (hazards.length >= 20_000) await flush();
    id++;
    const created = Math.round(NOW - rand() * 365 * DAY_MS);
    const risk = weighted(rand, RISK);
    const area = weighted(rand, AREA_WEIGHT);
    const major = risk === 'red' && rand() < 0.25;
    const deadline = created + DEFAULT_DEADLINE_HOURS[risk] * HOUR_MS;
    const days = Math.exp(Math.log(MEDIAN_DAYS[risk]) + gauss());
    const closeAt = Math.round(created + days * DAY_MS);
    const x = rand();
    let status: Hazard['status'];
    let closed: number | null = null;
    if (x < 0.03) status = 'rejected';
    else if (x < 0.07 || closeAt >= NOW) {
      // A few never get done (the backlog behind 逾期); the rest are on their way.
      const progress = (NOW - created) / Math.max(1, closeAt - created);
      status = x < 0.07 ? pick<Hazard['status']>(['pending', 'rectifying', 'rectifying', 'verifying']) : progress < 0.1 ? 'pending' : progress < 0.8 ? 'rectifying' : 'verifying';
    } else {
      status = 'closed';
      closed = closeAt;
    }
    const year = shanghaiParts(new Date(created)).year;
    const rectified = closed ?? (status === 'verifying' ? Math.round((created + NOW) / 2) : null);
    hazards.push({
      id, code: hazardCode(year, id), unitId: pick(schoolIds), reporterId: 1 + Math.floor(rand() * 60_000), reporterName: '测试教师', description: `规模测试隐患 ${id}`,
      area, itemCode: pick(ITEMS_BY_AREA.get(area) ?? ['fire.exits-clear']), risk, major, majorSuspected: false, classifierSource: 'seed',
      status, deadlineAt: deadline, responsibleName: status === 'pending' ? null : '测试责任人', rectifiedAt: rectified, verifiedAt: closed, closedAt: closed,
      rejectReason: status === 'rejected' ? '不是隐患' : null, version: 0, createdAt: created, updatedAt: closed ?? created,
    });
    if (major) {
      supervisions.push({ hazardId: id, openedAt: created, measures: '立即管控', owner: '校长', funds: '5万元', timeLimit: '一个月', plan: '专项应急预案', updatedAt: closed ?? created, closedAt: closed });
    }
  }
  await flush();
  log(`${inserted} hazards, ${supervised} under 挂牌督办`);

  // A year of filings: most units filed what was due, some filed early for what is coming.
  const units = new UnitDirectory(ds);
  await units.refresh();
  const today = shanghaiDayKey(new Date(NOW));
  const filings: Omit<Filing, 'id' | 'undoneAt' | 'undoneBy'>[] = [];
  for (const deadline of (await loadCalendar(ds)).filter((d) => d.tracked)) {
    const filers = filingUnits(deadline, units);
    for (const occ of occurrencesBetween(deadline, new Date(NOW - 365 * DAY_MS), new Date(NOW + 60 * DAY_MS))) {
      const share = occ.date < today ? 0.92 : 0.35;
      for (const f of filers) {
        if (rand() >= share) continue;
        const filedAt = Math.min(NOW - 1, Math.round(dayKeyStart(occ.date).getTime() - rand() * 10 * DAY_MS));
        filings.push({ unitId: f.unit.id, deadlineKey: deadline.key, occurrence: occ.date, filedBy: 'seed', filedAt });
      }
    }
  }
  await rows.bulkInsert(FilingEntity, filings);
  log(`${filings.length} filings`);

  const year = shanghaiParts(new Date(NOW)).year;
  const targets: Omit<UnitTarget, 'id'>[] = [];
  for (const d of districts) {
    const n = units.schoolsUnder(units.get(d.id)!).length;
    const values = { benchmark: 5 + Math.floor(rand() * 12), standard: Math.round(n * (0.3 + rand() * 0.2)), model_post: Math.round(n * (2 + rand() * 2.5)) };
    for (const [metric, value] of Object.entries(values)) targets.push({ unitId: d.id, metric: metric as UnitTarget['metric'], year, value, updatedAt: NOW, updatedBy: 'seed' });
  }
  await rows.bulkInsert(UnitTargetEntity, targets);

  // Fresh statistics, so the planner sees a city-sized ledger as one.
  await rows.analyze();
  log(`done: ${config.DATABASE_URL.startsWith('mysql') ? 'mysql' : config.DATABASE_URL}, now = ${new Date(NOW).toISOString()}`);
} finally {
  await ds.destroy();
}
