import { compare, ours } from './compare';
import { KINDS, sample } from './generate';
import { judge } from './oracle';
for (const release of ['v1.32', 'v1.37']) {
  const dropped: any = {}; const miss: any = {}; const strictCount: any = {};
  for (const kind of KINDS) {
    const objs = sample(kind, 10000, 21);
    const v = judge(release, objs);
    objs.forEach((m, i) => {
      if (v[i].strictErrors.length) strictCount[kind] = (strictCount[kind] ?? 0) + 1;
      for (const d of compare(kind, ours(m, release), v[i])) {
        if (d.cls === 'dropped-silently') { const k = `${kind} ${d.key}`; dropped[k] = dropped[k] ?? { n: 0, ex: JSON.stringify(valueAtField(m, d.field)) }; dropped[k].n++; }
        if (d.cls === 'miss') { const e = v[i].errors[0]; const k = `${kind} ${e ? e.field.replace(/\[\d+\]/g, '[]') + ' ' + e.type + ' ' + e.detail.slice(0, 70) : 'decode ' + (v[i].decodeError ?? '').slice(0, 90)}`; miss[k] = (miss[k] ?? 0) + 1; }
      }
    });
  }
  console.log('=== ' + release);
  console.log('dropped', dropped);
  console.log('strict (unknown field) objects', strictCount);
  console.log(Object.entries(miss).sort((a: any, b: any) => b[1] - a[1]).slice(0, 45).map(([k, n]) => `${n} ${k}`).join('\n'));
}
function valueAtField(m: any, f: string) { return f; }
