import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { bodyObject, expressionsIn, parseBicep, propertyOf, type Expression } from '../../../../src/core/scan/iac/bicep/bicepSyntax';
import { seededRandom } from '../../../helpers/seededRandom';

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1);
  return items[0]!;
}

function textOf(source: string, node: { start: number; end: number }): string {
  return source.slice(node.start, node.end);
}

test('declarations: param with decorators and default, var, resource, existing, module, output, targetScope', () => {
  const source = [
    "targetScope = 'resourceGroup'",
    "@description('cache name')",
    '@minLength(3)',
    "param name string = 'orders'",
    "param sku 'Basic' | 'Standard' = 'Basic'",
    'param tags object?',
    'var suffix = uniqueString(resourceGroup().id)',
    "resource old 'Microsoft.Cache/redis@2024-11-01' existing = {",
    '  name: name',
    '}',
    "module m './cache.bicep' = {",
    "  name: 'm'",
    '}',
    'output host string = old.properties.hostName',
  ].join('\n');
  const parsed = parseBicep(source);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.statements.map((s) => s.kind), ['other', 'param', 'param', 'param', 'var', 'resource', 'module', 'output']);
  const param = parsed.statements[1]!;
  assert.equal(param.kind === 'param' && param.name, 'name');
  assert.equal(param.decorators.length, 2);
  assert.equal(textOf(source, param), source.slice(source.indexOf('@description'), source.indexOf("'orders'") + 8));
  const resource = parsed.statements[5]!;
  assert.ok(resource.kind === 'resource');
  assert.equal(resource.type, 'Microsoft.Cache/redis@2024-11-01');
  assert.equal(textOf(source, resource.typeRange), 'Microsoft.Cache/redis@2024-11-01');
  assert.equal(resource.existing, true);
  const module = parsed.statements[6]!;
  assert.equal(module.kind === 'module' && module.path, './cache.bicep');
});

test('objects and arrays: newline or comma separated, one-line forms, quoted keys, nested child resources', () => {
  const source = [
    "resource r 'Microsoft.Cache/redis@2024-11-01' = {",
    "  name: 'x' // comment",
    '  properties: {',
    "    sku: { name: 'Basic', family: 'C', capacity: 0 }",
    "    redisConfiguration: { 'maxmemory-policy': 'allkeys-lru' }",
    "    zones: ['1', '2']",
    '    list: [',
    '      1',
    '      2',
    '    ]',
    '  }',
    "  resource fw 'firewallRules' = {",
    "    name: 'office'",
    '  }',
    '}',
  ].join('\n');
  const parsed = parseBicep(source);
  assert.deepEqual(parsed.errors, []);
  const resource = only(parsed.statements);
  assert.ok(resource.kind === 'resource');
  const body = bodyObject(resource.value)!;
  const properties = propertyOf(body, 'properties')!.value;
  assert.ok(properties.kind === 'object');
  const sku = propertyOf(properties, 'sku')!.value;
  assert.ok(sku.kind === 'object');
  assert.deepEqual(sku.properties.map((p) => p.key), ['name', 'family', 'capacity']);
  const config = propertyOf(properties, 'redisConfiguration')!.value;
  assert.ok(config.kind === 'object');
  assert.equal(textOf(source, config.properties[0]!.keyRange), 'maxmemory-policy');
  assert.equal(only(body.resources).name, 'fw');
  assert.equal(only(body.resources).type, 'firewallRules');
});

test('strings: escapes, interpolation with nested strings and objects, multi-line strings', () => {
  const source = "var a = 'it\\'s ${name}-${concat('x', '}')}!'\nvar b = '''\nline ${not}\n'''\nvar c = '${ {a: 1}.a }'";
  const parsed = parseBicep(source);
  assert.deepEqual(parsed.errors, []);
  const [a, b, c] = parsed.statements.map((s) => (s.kind === 'var' ? s.value : undefined));
  assert.ok(a?.kind === 'string');
  assert.deepEqual(a.parts, ["it's ", '-', '!']);
  assert.deepEqual(a.expressions.map((e) => textOf(source, e)), ['name', "concat('x', '}')"]);
  assert.ok(b?.kind === 'string');
  assert.deepEqual([b.parts, b.multiline], [['line ${not}\n'], true]);
  assert.ok(c?.kind === 'string' && c.expressions[0]?.kind === 'member');
});

test('loops and conditions: [for …], [for (x, i) …], if (…), a filtered loop', () => {
  const source = [
    "resource a 'T@1' = [for c in caches: {",
    '  name: c',
    '}]',
    "resource b 'T@1' = [for (c, i) in caches: if (i > 0) {",
    '  name: c',
    '}]',
    "resource d 'T@1' = if (deploy && !skip) {",
    "  name: 'd'",
    '}',
    'output o array = [for i in range(0, 3): i * 2]',
  ].join('\n');
  const parsed = parseBicep(source);
  assert.deepEqual(parsed.errors, []);
  const values = parsed.statements.map((s) => (s.kind === 'resource' || s.kind === 'output' ? s.value : undefined));
  assert.ok(values[0]?.kind === 'for' && values[0].item === 'c' && values[0].index === undefined);
  assert.ok(values[1]?.kind === 'for' && values[1].index === 'i' && values[1].body.kind === 'if');
  assert.ok(values[2]?.kind === 'if');
  assert.equal(textOf(source, { start: values[0].start, end: bodyObject(values[0])!.start }), '[for c in caches: ');
  assert.ok(values[3]?.kind === 'for');
});

test('expressions: member, safe access, index, calls, operators, ternary, lambdas, ::', () => {
  const source = "var x = a.b[0].?c ?? (f(1, 'a') + -2) * 3 > 4 ? filter(list, i => i.on) : map(xs, (v, n) => v)\nvar y = parent::child.properties.x!";
  const parsed = parseBicep(source);
  assert.deepEqual(parsed.errors, []);
  const x = parsed.statements[0]!;
  assert.ok(x.kind === 'var' && x.value?.kind === 'ternary');
  const kinds = new Set([...expressionsIn(x.value)].map((e: Expression) => e.kind));
  for (const kind of ['member', 'index', 'call', 'binary', 'unary', 'lambda', 'paren', 'number', 'string']) assert.ok(kinds.has(kind as Expression['kind']), kind);
});

test('bad input: errors with positions, the next declarations still read, never a throw', () => {
  const source = "param a string = \nresource r 'T@1' = {\n  name: 'x'\n  broken: ]\n}\nvar ok = 1\nvar s = 'unterminated\n/* open comment";
  const parsed = parseBicep(source);
  assert.ok(parsed.errors.length >= 3);
  for (const error of parsed.errors) assert.ok(error.start >= 0 && error.start <= source.length);
  assert.ok(parsed.statements.some((s) => s.kind === 'var' && s.name === 'ok'));
});

test('deep nesting is an error, not a stack overflow', () => {
  const parsed = parseBicep(`var x = ${'['.repeat(5000)}${']'.repeat(5000)}`);
  assert.ok(parsed.errors.some((error) => /nested too deeply/.test(error.message)));
});

const FUZZ_TOKENS = [
  'resource ', 'param ', 'var ', 'module ', 'output ', 'existing ', 'if (', 'for ', ' in ', '[for x in y: ', '{', '}', '[', ']', '(', ')',
  "'", "'''", '${', '\\', '@description(', ':', ',', '.', '.?', '!', '?', '??', '=>', '=', '==', '\n', ' ', '\t', '//', '/*', '*/', 'x', 'name',
  "'Microsoft.Cache/redis@2024-11-01'", 'properties', 'sku', '1', 'true', 'null', '::', '\r\n', '\u{1F600}', '\u2028',
];

test('fuzz: random token soup and mutated fixtures never throw, and every range lies inside the text', () => {
  const next = seededRandom(16);
  const fixtures = readdirSync('test/fixtures/iac', { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.bicep'))
    .map((name) => readFileSync(join('test/fixtures/iac', name), 'utf8'));
  for (let round = 0; round < 1500; round++) {
    let text: string;
    if (round % 2 === 0) {
      text = Array.from({ length: 1 + Math.floor(next() * 80) }, () => FUZZ_TOKENS[Math.floor(next() * FUZZ_TOKENS.length)]).join('');
    } else {
      text = fixtures[round % fixtures.length]!;
      for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
        const at = Math.floor(next() * text.length);
        const token = FUZZ_TOKENS[Math.floor(next() * FUZZ_TOKENS.length)]!;
        text = next() < 0.5 ? text.slice(0, at) + token + text.slice(at) : text.slice(0, at) + text.slice(at + Math.floor(next() * 30));
      }
    }
    const parsed = parseBicep(text);
    for (const statement of parsed.statements) {
      assert.ok(statement.start >= 0 && statement.end <= text.length && statement.start <= statement.end, JSON.stringify(text));
    }
  }
});
