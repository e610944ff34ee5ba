import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One of 附件3-6 as the seed document prints it (a Word table saved as text, cells tab-led). */
export interface SeedForm {
  title: string;
  infoLine: string;
  /** Table rows; a horizontally merged cell is one cell, a vertically merged one leaves blanks below. */
  rows: string[][];
  notes: string;
}

const FIXTURE = fileURLToPath(new URL('../fixtures/quarterly/seed-annex3-6.txt', import.meta.url));

/** Seed text folded the way the catalogue stores labels: no whitespace, ︵︶ read as （）. */
export const foldSeed = (s: string): string => s.replace(/\s/g, '').replace(/︵/g, '（').replace(/︶/g, '）');

function parseRow(lines: readonly string[]): string[] {
  const cells: string[] = [];
  for (const line of lines) {
    const [head, ...rest] = line.split('\t');
    if (cells.length) cells[cells.length - 1] += head;
    cells.push(...rest);
  }
  return cells.map(foldSeed);
}

export function readSeedForms(): Record<'附件3' | '附件4' | '附件5' | '附件6', SeedForm> {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const starts = lines.flatMap((l, i) => (/^附件[3-6]$/.test(l.trim()) ? [i] : []));
  const out: Record<string, SeedForm> = {};
  starts.forEach((start, n) => {
    const section = lines.slice(start, starts[n + 1] ?? lines.length);
    const title = section.slice(1).find((l) => l.trim())!.trim();
    const info = section.findIndex((l) => l.startsWith('填报单位（盖章）'));
    const notesAt = section.findIndex((l) => l.startsWith('注：'));
    const rows: string[][] = [];
    let current: string[] = [];
    for (const line of section.slice(info + 1, notesAt)) {
      if (line.trim() === '' && !line.includes('\t')) {
        if (current.length) rows.push(parseRow(current));
        current = [];
      } else current.push(line);
    }
    if (current.length) rows.push(parseRow(current));
    out[section[0].trim()] = { title, infoLine: section[info], rows, notes: section[notesAt].trim() };
  });
  return out as Record<'附件3' | '附件4' | '附件5' | '附件6', SeedForm>;
}
