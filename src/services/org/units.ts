import type { DataSource } from 'typeorm';
import type { Unit } from '../../../entities/unit.entity';
import { org } from '../../db/repositories/org.repository';

/** Ancestors and descendants, in memory: a city has at most a few thousand units. */
export class UnitDirectory {
  private byId = new Map<number, Unit>();
  private children = new Map<number, number[]>();
  private loadedAt = 0;

  constructor(private readonly ds: DataSource) {}

  async refresh(): Promise<void> {
    const units = await org(this.ds).units();
    this.byId = new Map(units.map((u) => [u.id, u]));
    this.children = new Map();
    for (const u of units) {
      if (u.parentId !== null) this.children.set(u.parentId, [...(this.children.get(u.parentId) ?? []), u.id]);
    }
    this.loadedAt = Date.now();
  }

  /** Reloads when older than a few seconds: other instances may have added units. */
  async ensure(maxAgeMs = 5000): Promise<void> {
    if (Date.now() - this.loadedAt > maxAgeMs) await this.refresh();
  }

  get(id: number | null | undefined): Unit | undefined {
    return id === null || id === undefined ? undefined : this.byId.get(id);
  }

  all(): Unit[] {
    return [...this.byId.values()];
  }

  byName(name: string): Unit | undefined {
    const n = name.trim();
    return this.all().find((u) => u.name === n);
  }

  /** Exact name, or a unique unit whose name contains the words (丰泽区 → 丰泽区教育局). */
  find(name: string): { unit?: Unit; candidates: Unit[] } {
    const exact = this.byName(name);
    if (exact) return { unit: exact, candidates: [] };
    const n = name.trim();
    if (!n) return { candidates: [] };
    const hits = this.all().filter((u) => u.name.includes(n) || n.includes(u.name.replace(/教育局$/, '')));
    return hits.length === 1 ? { unit: hits[0], candidates: [] } : { candidates: hits.slice(0, 5) };
  }

  parent(u: Unit): Unit | undefined {
    return this.get(u.parentId);
  }

  /** The district bureau a school belongs to (undefined for 市属 schools and the city). */
  districtOf(u: Unit): Unit | undefined {
    if (u.kind === 'district') return u;
    const p = this.parent(u);
    return p?.kind === 'district' ? p : undefined;
  }

  city(): Unit | undefined {
    return this.all().find((u) => u.kind === 'city');
  }

  descendants(id: number): Unit[] {
    const out: Unit[] = [];
    const stack = [...(this.children.get(id) ?? [])];
    while (stack.length) {
      const cur = stack.pop()!;
      const u = this.byId.get(cur);
      if (u) out.push(u);
      stack.push(...(this.children.get(cur) ?? []));
    }
    return out;
  }

  childrenOf(id: number): Unit[] {
    return (this.children.get(id) ?? []).map((c) => this.byId.get(c)!).filter(Boolean);
  }

  /** True when `inner` is `outer` or below it. */
  within(inner: Unit, outer: Unit): boolean {
    for (let u: Unit | undefined = inner; u; u = this.parent(u)) if (u.id === outer.id) return true;
    return false;
  }

  schoolsUnder(u: Unit): Unit[] {
    if (u.kind === 'school') return [u];
    return this.descendants(u.id).filter((x) => x.kind === 'school');
  }
}
