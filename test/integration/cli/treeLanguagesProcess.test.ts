import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempTree } from '../../helpers/tempTree';

// The bundle npm test builds before running the suite: the tree-sitter runtime is a CLI part of its own.
const CLI = resolve('dist', 'cli.js');

function scan(cwd: string, args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'scan', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('dist/cli.js scan reads Python and Go through their grammars, and --fix rewrites them so a second run has nothing to fix', () => {
  const tree = tempTree({
    'app.py': 'import redis\nr = redis.Redis(host="localhost", port=6380, ssl=False)\nr.select(2)\n',
    'main.go': 'package main\n\nimport "github.com/redis/go-redis/v9"\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "orders.redis.cache.windows.net:6380", TLSConfig: nil})\n',
  });
  try {
    const found = scan(tree.root, ['--format', 'json']);
    assert.equal(found.stderr, '');
    assert.deepEqual(
      JSON.parse(found.stdout).findings.map((f: { file: string; ruleId: string; line: number }) => `${f.file.replace(/^.*[\\/]/, '')} ${f.line} ${f.ruleId}`),
      [
        'app.py 3 database-select',
        'main.go 5 non-cluster-client',
        'main.go 5 non-tls-connection',
        'main.go 5 legacy-hostname',
        'main.go 5 legacy-tls-port',
      ],
    );
    scan(tree.root, ['--fix']);
    assert.match(readFileSync(join(tree.root, 'main.go'), 'utf8'), /Addr: "orders\.redis\.cache\.windows\.net:10000"/);
    assert.match(scan(tree.root, ['--fix']).stdout, /^No changes: nothing to fix automatically\./);
  } finally {
    tree.cleanup();
  }
});
