import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonLayout } from '../../../../src/core/fix/client/jsonLayout';
import { dependencyEdits, lockstepRaises, missingDependencyEdits } from '../../../../src/core/fix/client/manifestDependencies';
import { applyEdits } from '../../../../src/core/scan/applyEdits';

const ENTRA = { '@azure/identity': '^4.13.1', '@redis/entraid': '^5.12.1' };
const added = (text: string, packages: Record<string, string> = ENTRA) => applyEdits(text, dependencyEdits('/p/package.json', text, packages)).text;

// package.json layouts as people write them, and where the new entries must land.
const CASES: { name: string; before: string; after: string }[] = [
  {
    name: 'entries on their own lines: each name in alphabetical order, indented alike',
    before: '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.0.0",\n    "redis": "^5.12.1"\n  }\n}\n',
    after: '{\n  "name": "app",\n  "dependencies": {\n    "@azure/identity": "^4.13.1",\n    "@redis/entraid": "^5.12.1",\n    "express": "^4.0.0",\n    "redis": "^5.12.1"\n  }\n}\n',
  },
  {
    name: 'names after the last entry, with tabs and CRLF kept',
    before: '{\r\n\t"dependencies": {\r\n\t\t"@angular/core": "^17.0.0"\r\n\t}\r\n}',
    after: '{\r\n\t"dependencies": {\r\n\t\t"@angular/core": "^17.0.0",\r\n\t\t"@azure/identity": "^4.13.1",\r\n\t\t"@redis/entraid": "^5.12.1"\r\n\t}\r\n}',
  },
  {
    name: 'entries on one line get more on that line',
    before: '{ "dependencies": { "redis": "^5.12.1" } }',
    after: '{ "dependencies": { "@azure/identity": "^4.13.1", "@redis/entraid": "^5.12.1", "redis": "^5.12.1" } }',
  },
  {
    name: 'an empty dependencies object is filled',
    before: '{\n  "name": "app",\n  "dependencies": {}\n}',
    after: '{\n  "name": "app",\n  "dependencies": {\n    "@azure/identity": "^4.13.1",\n    "@redis/entraid": "^5.12.1"\n  }\n}',
  },
  {
    name: 'no dependencies object: one is added after the last property, past values holding braces, quotes and arrays',
    before: '\uFEFF{\n  "name": "a}\\"pp",\n  "files": ["dist", {"x": [1, 2.5e3, true, null]}],\n  "scripts": { "go": "node -e \\"{}\\"" }\n}\n',
    after: '\uFEFF{\n  "name": "a}\\"pp",\n  "files": ["dist", {"x": [1, 2.5e3, true, null]}],\n  "scripts": { "go": "node -e \\"{}\\"" },\n  "dependencies": {\n    "@azure/identity": "^4.13.1",\n    "@redis/entraid": "^5.12.1"\n  }\n}\n',
  },
  {
    name: 'an empty object gets a dependencies object',
    before: '{}',
    after: '{\n  "dependencies": {\n    "@azure/identity": "^4.13.1",\n    "@redis/entraid": "^5.12.1"\n  }\n}',
  },
];

for (const { name, before, after } of CASES) {
  test(`dependencyEdits: ${name}`, () => {
    assert.equal(added(before), after);
    assert.doesNotThrow(() => JSON.parse(after.replace(/^\uFEFF/, '')));
  });
}

test('dependencyEdits: no edits for text that is not a JSON object, or a dependencies value that is not one', () => {
  for (const text of ['', '[]', '"redis"', '{ "dependencies": { "redis": "^5" }', '{ "a": 1, }', '{ /* c */ }', '{ "dependencies": [] }']) {
    assert.deepEqual(dependencyEdits('/p/package.json', text, ENTRA), [], text.slice(0, 40));
  }
});

test('dependencyEdits: nesting deeper than the stack gives no edits instead of an exception', () => {
  const deep = `{"a": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
  assert.doesNotThrow(() => JSON.parse(deep));
  assert.deepEqual(dependencyEdits('/p/package.json', deep, ENTRA), []);
});

test('missingDependencyEdits leaves out what any dependency group already lists', () => {
  const text = '{\n  "devDependencies": {\n    "@azure/identity": "^4.0.0"\n  },\n  "dependencies": {\n    "redis": "^5.12.1"\n  }\n}';
  assert.equal(
    applyEdits(text, missingDependencyEdits('/p/package.json', text, ENTRA)).text,
    '{\n  "devDependencies": {\n    "@azure/identity": "^4.0.0"\n  },\n  "dependencies": {\n    "@redis/entraid": "^5.12.1",\n    "redis": "^5.12.1"\n  }\n}',
  );
});

test('jsonLayout: offsets of values and members, names decoded', () => {
  const text = ' { "a\\u0062" : [1, {"c": "}"}] , "d":null } ';
  const root = jsonLayout(text)!;
  assert.deepEqual({ start: root.start, end: root.end }, { start: 1, end: text.length - 1 });
  assert.deepEqual(root.members!.map((member) => [member.name, text.slice(member.start, member.end)]), [
    ['ab', '"a\\u0062" : [1, {"c": "}"}]'],
    ['d', '"d":null'],
  ]);
  assert.equal(root.members![0]!.value.members, undefined, 'an array has no members');
});
test('redis and @redis/client below the added @redis/entraid rise to a caret range of its version', () => {
  const cases: [Record<string, string>, Record<string, string>][] = [
    [{ redis: '^5.8.0' }, { redis: '^5.12.1' }],
    [{ redis: '5.0.1' }, { redis: '^5.12.1' }],
    [{ redis: '~5.11.0', '@redis/client': '5.11.0' }, { redis: '^5.12.1', '@redis/client': '^5.12.1' }],
    [{ redis: '>=5.5' }, { redis: '^5.12.1' }],
    [{ redis: '5.x' }, { redis: '^5.12.1' }],
    [{ redis: '^5.12.1' }, {}],
    [{ redis: '5.12.4' }, {}],
    [{ redis: '^4.7.1' }, {}],
    [{ redis: '^6.2.0' }, {}],
    [{ redis: 'github:redis/node-redis' }, {}],
    [{ redis: '>=5.0.0 <5.10.0' }, {}],
    [{ express: '^4.21.0' }, {}],
  ];
  for (const [listed, raised] of cases) assert.deepEqual(lockstepRaises(listed, ENTRA), raised, JSON.stringify(listed));
  assert.deepEqual(lockstepRaises({ redis: '^5.8.0' }, { '@azure/identity': '^4.13.1' }), {}, 'only @redis/entraid pulls redis up');
});

test('the editor path (edits built on the manifest as it is when applied) adds and raises in one go', () => {
  const file = '/ws/package.json';
  const text = '{\n  "name": "orders",\n  "dependencies": {\n    "express": "^4.21.0",\n    "redis": "5.8.2"\n  },\n  "devDependencies": {\n    "@redis/client": "~5.8.0"\n  }\n}\n';
  const fixed = applyEdits(text, missingDependencyEdits(file, text, ENTRA)).text;
  assert.deepEqual(JSON.parse(fixed), {
    name: 'orders',
    dependencies: { '@azure/identity': '^4.13.1', '@redis/entraid': '^5.12.1', express: '^4.21.0', redis: '^5.12.1' },
    devDependencies: { '@redis/client': '^5.12.1' },
  });
  assert.deepEqual(missingDependencyEdits(file, fixed, ENTRA), [], 'nothing left to do the second time');
});
