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

test('scan --fix adds the Entra ID packages to the dependency file nearest each fixed file, up to the scanned or current folder, even when only the sources are scanned', () => {
  const key = 'password=os.environ["REDIS_KEY"]';
  const client = `import os\nimport redis\nr = redis.Redis(host="orders.westus2.redis.azure.net", port=10000, ssl=True, ${key})\n`;
  const tree = tempTree({
    'requirements.txt': 'flask==3.0.0\n',
    'src/orders/cache.py': client,
    'services/billing/pyproject.toml': '[project]\nname = "billing"\ndependencies = [\n    "redis>=5.3",\n]\n',
    'services/billing/app/cache.py': client,
    'go/go.mod': 'module example.com/sessions\n\ngo 1.22\n\nrequire (\n\tgithub.com/redis/go-redis/v9 v9.7.0\n)\n',
    'go/cmd/main.go': 'package main\n\nimport (\n\t"os"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n' +
      'var rdb = redis.NewClient(&redis.Options{Addr: "sessions.westus2.redis.azure.net:10000", Password: os.Getenv("KEY"), TLSConfig: nil})\n',
  });
  const read = (path: string) => readFileSync(join(tree.root, path), 'utf8');
  try {
    const fixed = scan(tree.root, ['src', 'services', 'go/cmd', '--fix', '--fix-rules', 'access-key-auth']);
    assert.equal(fixed.stderr, '');
    assert.match(fixed.stdout, /requirements\.txt {2}1 fix/);
    assert.equal(read('requirements.txt'), 'flask==3.0.0\nredis-entraid>=1.1.0\n');
    assert.equal(read('services/billing/pyproject.toml'), '[project]\nname = "billing"\ndependencies = [\n    "redis-entraid>=1.1.0",\n    "redis>=5.3",\n]\n');
    assert.match(read('go/go.mod'), /require \(\n\tgithub\.com\/redis\/go-redis-entraid v1\.0\.0\n\tgithub\.com\/redis\/go-redis\/v9 v9\.7\.0\n\)/);
    assert.match(read('src/orders/cache.py'), /credential_provider=create_from_default_azure_credential/);
    const again = scan(tree.root, ['src', 'services', 'go/cmd', '--fix', '--fix-rules', 'access-key-auth']);
    assert.match(again.stdout, /^No changes: nothing to fix automatically\./);
  } finally {
    tree.cleanup();
  }
});

test('scan --fix leaves a dependency file above the scanned and current folders alone, and says where the package goes', () => {
  const tree = tempTree({
    'requirements.txt': 'flask==3.0.0\n',
    'src/cache.py': 'import os\nimport redis\nr = redis.Redis(host="orders.westus2.redis.azure.net", port=10000, ssl=True, password=os.environ["K"])\n',
  });
  try {
    const fixed = scan(join(tree.root, 'src'), ['.', '--fix', '--fix-rules', 'access-key-auth']);
    assert.match(fixed.stdout, /add redis-entraid to the project's dependencies/);
    assert.equal(readFileSync(join(tree.root, 'requirements.txt'), 'utf8'), 'flask==3.0.0\n');
  } finally {
    tree.cleanup();
  }
});
