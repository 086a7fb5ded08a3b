import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, Fix, TextEdit } from '../../../src/core/findings';
import { planFixes } from '../../../src/core/fix/planFixes';

function finding(ruleId: Finding['ruleId'], start: number, fixes: Fix[]): Finding {
  return { ruleId, severity: 'warning', file: '/a.ts', start, end: start + 1, line: 1, column: start + 1, endLine: 1, endColumn: start + 2, message: 'm', fixes };
}
const edit = (start: number, end: number, newText: string, file = '/a.ts'): TextEdit => ({ file, start, end, newText });
const preferred = (...edits: TextEdit[]): Fix => ({ title: 't', preferred: true, edits });

test('takes the preferred fix of each finding and lists findings without one as unfixable', () => {
  const review: Fix = { title: 'review', preferred: false, edits: [edit(0, 1, 'x')] };
  const plan = planFixes([
    finding('legacy-tls-port', 10, [review, preferred(edit(10, 14, '10000'))]),
    finding('legacy-hostname', 20, []),
    finding('database-select', 30, [review]),
  ]);
  assert.deepEqual(plan.files.get('/a.ts')?.edits, [edit(10, 14, '10000')]);
  assert.deepEqual(plan.unfixable.map((f) => f.ruleId), ['legacy-hostname', 'database-select']);
  assert.deepEqual(plan.conflicting, []);
});

test('leaves out a fix that overlaps one already taken, or that inserts at the same place', () => {
  const plan = planFixes([
    finding('non-tls-connection', 0, [preferred(edit(0, 8, 'rediss://'))]),
    finding('legacy-tls-port', 5, [preferred(edit(5, 12, 'x'))]),
    finding('legacy-tls-port', 0, [preferred(edit(0, 0, 'y'))]),
    finding('legacy-tls-port', 8, [preferred(edit(8, 9, 'z'))]),
  ]);
  assert.deepEqual(plan.files.get('/a.ts')?.edits, [edit(0, 8, 'rediss://'), edit(8, 9, 'z')]);
  assert.equal(plan.conflicting.length, 2);
});

test('the same edit asked by two findings is applied once and both count as fixed', () => {
  const plan = planFixes([
    finding('legacy-tls-port', 3, [preferred(edit(3, 7, '10000'))]),
    finding('non-tls-connection', 3, [preferred(edit(3, 7, '10000'))]),
  ]);
  assert.deepEqual(plan.files.get('/a.ts')?.edits, [edit(3, 7, '10000')]);
  assert.equal(plan.files.get('/a.ts')?.fixes.length, 2);
});

test('a fix is all or nothing across files, and a fix whose own edits overlap is refused', () => {
  const plan = planFixes([
    finding('legacy-hostname', 0, [preferred(edit(0, 4, 'h'), edit(2, 6, 'h', '/b.env'))]),
    finding('legacy-hostname', 9, [preferred(edit(9, 10, 'a'), edit(0, 3, 'b', '/b.env'))]),
    finding('legacy-hostname', 20, [preferred(edit(20, 24, 'a'), edit(22, 23, 'b'))]),
  ]);
  assert.deepEqual(plan.files.get('/a.ts')?.edits, [edit(0, 4, 'h')]);
  assert.deepEqual(plan.files.get('/b.env')?.edits, [edit(2, 6, 'h', '/b.env')]);
  assert.equal(plan.conflicting.length, 2);
});
