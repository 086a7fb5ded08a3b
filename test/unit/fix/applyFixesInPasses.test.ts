import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { DEFAULT_SCAN_SETTINGS, type SourceFileInput } from '../../../src/core/findings';
import { applyFixesInPasses, mergePasses, type FixPassesOptions } from '../../../src/core/fix/applyFixesInPasses';
import type { FileFixOutcome } from '../../../src/core/fix/fixFiles';
import { RULES } from '../../../src/core/rules';
import { applyEdits } from '../../../src/core/scan/applyEdits';
import { scanSources } from '../../../src/core/scan/scanner';
import { loadGrammar } from '../../../src/core/scan/syntaxTree/grammars';

before(() => loadGrammar('java'));

const CACHE = "import Redis from 'ioredis';\nexport const redis = new Redis({ host: process.env.REDIS_HOST, port: 10000, password: process.env.REDIS_KEY, tls: {} });\n";
const MANIFEST = '{ "dependencies": { "ioredis": "^5.4.0" } }\n';

/** The passes over texts held in memory, as an editor holds open documents: nothing is written to disk. */
async function fixInMemory(files: Record<string, string>, options: Partial<FixPassesOptions> = {}) {
  const texts = new Map(Object.entries(files));
  const inputs: SourceFileInput[] = [...texts].map(([path, text]) => ({ path, text }));
  const scan = (scanned: readonly SourceFileInput[]) => scanSources(scanned, DEFAULT_SCAN_SETTINGS, RULES);
  const run = await applyFixesInPasses({
    inputs,
    result: scan(inputs),
    scan,
    apply: async (plan) => {
      const outcomes: FileFixOutcome[] = [];
      for (const [file, { edits, fixes }] of plan.files) {
        const created = edits.some((edit) => edit.create);
        const before = texts.get(file) ?? '';
        const after = created ? edits[0]!.newText : applyEdits(before, edits).text;
        texts.set(file, after);
        outcomes.push({ file, applied: after === before ? [] : fixes, ...(created ? { created } : {}) });
      }
      return outcomes;
    },
    read: async (file) => texts.get(file)!,
    ...options,
  });
  return { run, texts };
}

test('fixes whose edits overlap are made in a further pass, so one run ends where a second would', async () => {
  const files = { '/ws/package.json': MANIFEST, '/ws/cache.ts': CACHE };
  const { run, texts } = await fixInMemory(files, { reviewRules: ['access-key-auth', 'non-cluster-client'] });
  assert.equal(run.passes.length, 2, 'the cluster fix overlaps the Entra ID one and waits for the second pass');
  assert.equal(run.interrupted, false);
  assert.deepEqual(run.result.findings.filter((f) => f.ruleId === 'access-key-auth' || f.ruleId === 'non-cluster-client'), []);
  assert.match(texts.get('/ws/cache.ts')!, /withEntraId\(new Redis\.Cluster\(/);
  const merged = mergePasses(run.passes);
  assert.deepEqual(merged.outcomes.find((o) => o.file === '/ws/cache.ts')?.applied.map((p) => p.finding.ruleId).sort(), ['access-key-auth', 'non-cluster-client']);
  assert.deepEqual(merged.conflicting, []);

  const again = await fixInMemory(Object.fromEntries(texts), { reviewRules: ['access-key-auth', 'non-cluster-client'] });
  assert.deepEqual(again.run.passes.flatMap((pass) => pass.changedFiles), [], 'a second run changes nothing');
});

test('a fix the fixed code offers anew is made in the same run: the cluster fix of a JedisPooled the Entra ID fix rewrote', async () => {
  const java =
    'import redis.clients.jedis.JedisPooled;\n\nclass Cache {\n  void run(String key) {\n' +
    '    JedisPooled pooled = new JedisPooled("orders.westus2.redis.azure.net", 10000, "app", key);\n    pooled.set("a", "b");\n  }\n}\n';
  const { run, texts } = await fixInMemory({ '/ws/Cache.java': java }, { reviewRules: ['access-key-auth', 'non-cluster-client'] });
  assert.equal(run.passes.length, 2, 'the constructor the Entra ID fix writes is one the cluster fix reads');
  assert.match(texts.get('/ws/Cache.java')!, /JedisCluster pooled = new JedisCluster\(new HostAndPort\("orders\.westus2\.redis\.azure\.net", 10000\), DefaultJedisClientConfig\.builder\(\)\.authXManager\(/);
  const again = await fixInMemory(Object.fromEntries(texts), { reviewRules: ['access-key-auth', 'non-cluster-client'] });
  assert.deepEqual(again.run.passes.flatMap((pass) => pass.changedFiles), [], 'a second run changes nothing');
});

test('fixes to review are left alone unless their rule is asked for', async () => {
  const { run, texts } = await fixInMemory({ '/ws/package.json': MANIFEST, '/ws/cache.ts': CACHE });
  assert.equal(run.passes.length, 1);
  assert.equal(texts.get('/ws/cache.ts'), CACHE);
  assert.deepEqual(mergePasses(run.passes).unfixable.map((f) => f.ruleId).sort(), ['access-key-auth', 'non-cluster-client']);
});

test('an aborted signal stops after the pass under way and says so', async () => {
  const controller = new AbortController();
  controller.abort();
  const { run } = await fixInMemory({ '/ws/package.json': MANIFEST, '/ws/cache.ts': CACHE }, {
    reviewRules: ['access-key-auth', 'non-cluster-client'],
    signal: controller.signal,
  });
  assert.equal(run.interrupted, true);
  assert.equal(run.passes.length, 1);
});
