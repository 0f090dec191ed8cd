import { json, writeJsonDocument } from '../src/cli/output';

/*
 * `writeJsonDocument` writes in pieces the bytes `json` writes of the whole document
 * (`routes --format json` on hundreds of thousands of Services).
 */
describe('writeJsonDocument', () => {
  const big = Array.from({ length: 20000 }, (_, i) => ({ name: `s${i}`, rows: [{ address: `x${i}.example.com:80`, n: i, ok: true, none: null }] }));
  test.each([
    ['holds when there are no items', []],
    ['holds when there is one item', [{ a: 1, b: [1, 2], c: {} }]],
    ['holds when items hold unprintable characters and empty values', [{ t: 'a\u0085b\u2028c', e: [], o: {} }, 'text', 3, null]],
    ['holds when an item is undefined or a function (null, as in a list) or a nested empty list', [undefined, () => 1, [[]], [{ a: [] }]]],
    ['holds when the document is written in several pieces', big],
  ])('%s: the same bytes as json()', (_name, items) => {
    const pieces: string[] = [];
    writeJsonDocument({ schemaVersion: 2 }, 'services', items, t => pieces.push(t));
    expect(pieces.join('')).toBe(json({ schemaVersion: 2, services: items }));
    // pieces of about a megabyte: one for a small document
    expect(pieces.length > 1).toBe(items === big);
  });
});
