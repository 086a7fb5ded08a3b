import assert from 'node:assert/strict';
import { test } from 'node:test';
import { projectDependencyEdits } from '../../../../src/core/fix/client/projectDependencies';
import { applyEdits } from '../../../../src/core/scan/applyEdits';

const AUTHX = { 'redis.clients.authentication:redis-authx-entraid': '0.1.1-beta2' };

/** The file after adding `packages`, and after adding them a second time (which must change nothing). */
function added(file: string, text: string, packages: Record<string, string>): string {
  const edits = projectDependencyEdits(file, text, packages);
  assert.ok(edits, `no place to add to ${file}`);
  const once = applyEdits(text, edits).text;
  assert.deepEqual(projectDependencyEdits(file, once, packages), [], 'a second addition changes nothing');
  return once;
}

test('build.gradle and build.gradle.kts get an implementation line at the top of their dependencies block', () => {
  assert.equal(
    added('/p/build.gradle', "plugins {\n  id 'java'\n}\n\ndependencies {\n  implementation 'redis.clients:jedis:5.2.0'\n}\n", AUTHX),
    "plugins {\n  id 'java'\n}\n\ndependencies {\n  implementation 'redis.clients.authentication:redis-authx-entraid:0.1.1-beta2'\n  implementation 'redis.clients:jedis:5.2.0'\n}\n",
  );
  assert.equal(
    added('/p/build.gradle.kts', 'dependencies {\r\n    implementation("io.lettuce:lettuce-core:6.5.0.RELEASE")\r\n}\r\n', AUTHX),
    'dependencies {\r\n    implementation("redis.clients.authentication:redis-authx-entraid:0.1.1-beta2")\r\n    implementation("io.lettuce:lettuce-core:6.5.0.RELEASE")\r\n}\r\n',
  );
  assert.equal(projectDependencyEdits('/p/build.gradle', "plugins { id 'java' }\n", AUTHX), undefined, 'no dependencies block: nowhere to add');
});

test('requirements.txt, go.mod and a .csproj are recognised by name; an unknown file gets no edits', () => {
  assert.equal(added('/p/requirements.txt', 'flask==3.0.0', { 'redis-entraid': '>=1.1.0' }), 'flask==3.0.0\nredis-entraid>=1.1.0\n');
  assert.equal(added('/p/go.mod', 'module m\n\ngo 1.22\n', { 'github.com/redis/go-redis-entraid': 'v1.0.0' }),
    'module m\n\ngo 1.22\n\nrequire github.com/redis/go-redis-entraid v1.0.0\n');
  assert.equal(added('/p/Api.csproj', '<Project Sdk="Microsoft.NET.Sdk">\n</Project>\n', { 'Azure.Identity': '1.17.1' }),
    '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <PackageReference Include="Azure.Identity" Version="1.17.1" />\n  </ItemGroup>\n</Project>\n');
  assert.equal(projectDependencyEdits('/p/setup.cfg', '', { 'redis-entraid': '>=1.1.0' }), undefined);
});
