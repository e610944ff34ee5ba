// Shared by the card shape tests: fixtures copied from the platform docs (test/fixtures/cards/) and the check that
// what we send has the documented shape.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { HazardRow } from '../../src/services/hazards/hazard.types';

/** A fixture without its `_source` note. */
export const fixture = (name: string) => {
  const { _source, ...rest } = JSON.parse(readFileSync(`test/fixtures/cards/${name}`, 'utf8'));
  void _source;
  return rest;
};

/** Every key we send exists at the same place in the documented example, with the same JSON type. */
export function assertShape(ours: unknown, doc: unknown, path = '$'): void {
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  expect(kind(ours), `${path} type`).toBe(kind(doc));
  if (Array.isArray(ours) && Array.isArray(doc)) {
    // Array items: the union of the documented items' keys.
    const merged = Object.assign({}, ...doc.filter((d) => d && typeof d === 'object'));
    ours.forEach((o, i) => (typeof o === 'object' ? assertShape(o, merged, `${path}[${i}]`) : expect(typeof o).toBe(typeof doc[0])));
  } else if (ours && typeof ours === 'object') {
    for (const [k, v] of Object.entries(ours)) {
      expect(Object.keys(doc as object), `${path}.${k} is not in the documented shape`).toContain(k);
      assertShape(v, (doc as any)[k], `${path}.${k}`);
    }
  }
}

/** A 待确认 orange hazard, version 3. */
export const baseHazard: HazardRow = {
  id: 7, code: 'YH-2026-000123', unitId: 1, groupId: 1, reporterId: 3, reporterName: '李老师', description: '三楼东边楼梯口堆了旧课桌椅，疏散通道被堵了一半',
  location: '教学楼三楼', area: 'fire', itemCode: 'fire.exit', risk: 'orange', major: false, majorCriterion: null, majorSuspected: false, classifierSource: 'rules',
  status: 'pending', deadlineAt: Date.UTC(2026, 10, 30, 1), responsibleId: 2, responsibleName: '王安全员', measures: null, rectifiedById: null, rectifiedAt: null,
  verifiedById: null, verifiedAt: null, verifyNote: null, closedAt: null, rejectReason: null, emergency: null, duplicateOfId: null, sourceMsg: null, origin: '自查', interimMeasures: null, version: 3, createdAt: 0, updatedAt: 0,
};
