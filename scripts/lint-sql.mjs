#!/usr/bin/env node
// SQL lives in src/db/ (repositories and migrations) and nowhere else: prints every SQL string literal found in
// src/ or scripts/ outside src/db/, and exits 1 when there is one. Run by `npm run lint:arch` in .ci/run.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SQL = /(['"`])\s*(SELECT\s.+\sFROM\b|INSERT\s+(OR\s+IGNORE\s+|IGNORE\s+)?INTO\b|UPDATE\s+[a-z_`]+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX|DATABASE)\b|ALTER\s+TABLE\b|DROP\s+(TABLE|DATABASE)\b|REPLACE\s+INTO\b|WITH\s+[a-z_]+\s+AS\s*\()/is;
const SQL_LINE = /\b(SELECT\s+[\w*`(,. ]+\s+FROM\s+[a-z_`]+|INSERT\s+(OR\s+IGNORE\s+|IGNORE\s+)?INTO\s+[a-z_`]+|UPDATE\s+[a-z_`]+\s+SET\b|DELETE\s+FROM\s+[a-z_`]+|(CREATE|ALTER|DROP)\s+(TABLE|DATABASE)\b)/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|mts|mjs|js)$/.test(name)) yield p;
  }
}

const hits = [];
for (const root of ['src', 'scripts']) {
  for (const file of files(root)) {
    if (file.startsWith('src/db/') || file === 'scripts/lint-sql.mjs') continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return; // comments may name a statement
      if (SQL_LINE.test(line) || SQL.test(line)) hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
}
if (hits.length) {
  console.error(`${hits.length} SQL string(s) outside src/db/ (move them into the repository room that owns the table):`);
  for (const h of hits) console.error(`  ${h}`);
  process.exit(1);
}
console.log('lint:sql: no SQL outside src/db/');
