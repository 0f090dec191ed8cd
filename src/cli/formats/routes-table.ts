import { ServiceAccess } from '../../checker/routes';
import { markdownCell, printable } from '../../model/text';
import { Output, table } from '../output';
import { serviceTypeLabel } from '../routes-formats';
import { defineRoutesFormat } from './format';

/*
 * `routes --format table` (the default) and `--format markdown`: one row per way in.
 */

const HEADER = ['SERVICE', 'TYPE', 'VIA', 'ADDRESS', 'PORT', 'TARGET'];

function forEachRow(services: Iterable<ServiceAccess>, each: (row: string[]) => void): void {
  for (const s of services) {
    for (const r of s.rows) each([`${s.namespace}/${s.name}`, serviceTypeLabel(s), r.entry.kind, r.address, r.servicePort, r.target]);
  }
}

defineRoutesFormat({
  name: 'table',
  print: (r, io) => {
    // one pass over the map (each Service is mapped as it is iterated): the table keeps only its cells
    const rows: string[][] = [];
    forEachRow(r.services, row => rows.push(row.map(printable)));
    const out = new Output(io.out);
    table(HEADER, each => rows.forEach(each), out);
    out.flush();
  },
});

defineRoutesFormat({
  name: 'markdown',
  print: (r, io) => {
    const out = new Output(io.out);
    out.line(`| ${HEADER.join(' | ')} |`);
    out.line(`|${HEADER.map(() => ' --- ').join('|')}|`);
    forEachRow(r.services, row => out.line(`| ${row.map(markdownCell).join(' | ')} |`));
    out.flush();
  },
});
