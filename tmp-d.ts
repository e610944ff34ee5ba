import { readFileSync } from 'node:fs';
import { classifyLocal } from './src/services/classifier/local';
import { isDuplicate } from './src/services/hazards/duplicates';
const pairs = readFileSync('test/fixtures/duplicate-pairs.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l));
let tp=0,fp=0,fn=0,tn=0;
for (const p of pairs) {
  const ca = classifyLocal(p.a), cb = classifyLocal(p.b);
  const d = isDuplicate({ ...ca, description: p.b, location: cb.location, area: cb.area, item: cb.item }, { area: ca.area, item_code: ca.item, description: p.a, location: ca.location }) > 0;
  if (d && p.dup) tp++; else if (d) fp++; else if (p.dup) fn++; else tn++;
  if (d!==p.dup) console.log(p.dup?'MISS':'FALSE', p.a,'|',p.b);
}
console.log({tp,fp,fn,tn});
