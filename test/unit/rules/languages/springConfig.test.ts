import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SCAN_SETTINGS } from '../../../../src/core/findings';
import { RULES } from '../../../../src/core/rules';
import { scanWhenReady } from '../../../../src/core/scan/scanner';

/** Spring Boot settings are read by the text front end; these cases pin what Java projects rely on. */
const HOST = 'orders.redis.cache.windows.net';
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789AB=';

const CASES: Array<{ name: string; path: string; text: string; expected: string[] }> = [
  {
    name: 'spring.redis.* in application.properties',
    path: '/ws/src/main/resources/application.properties',
    text:
      `spring.redis.host=${HOST}\nspring.redis.port=6380\nspring.redis.password=${KEY}\nspring.redis.ssl.enabled=false\n` +
      `spring.redis.database=2\nspring.redis.cluster.nodes=${HOST}:6380\n`,
    expected: [
      '1:19 legacy-hostname', '2:19 legacy-tls-port', '3:23 access-key-auth', '4:26 non-tls-connection', '5:23 database-select',
      '6:28 legacy-hostname', '6:59 legacy-tls-port',
    ],
  },
  {
    name: 'spring.data.redis.* in application.yml',
    path: '/ws/src/main/resources/application.yml',
    text:
      `spring:\n  data:\n    redis:\n      host: ${HOST}\n      port: 6380\n      password: ${KEY}\n      database: 3\n` +
      `      ssl:\n        enabled: false\n      cluster:\n        nodes: ${HOST}:6380,other.redis.cache.windows.net:6380\n`,
    expected: [
      '4:13 legacy-hostname', '5:13 legacy-tls-port', '6:17 access-key-auth', '7:17 database-select', '9:18 non-tls-connection',
      '11:16 legacy-hostname', '11:47 legacy-tls-port', '11:52 legacy-hostname', '11:82 legacy-tls-port',
    ],
  },
  {
    name: 'a local Redis in application-dev.properties is left alone',
    path: '/ws/src/main/resources/application-dev.properties',
    text: 'spring.data.redis.host=localhost\nspring.data.redis.port=6379\nspring.data.redis.database=1\n',
    expected: [],
  },
];

for (const { name, path, text, expected } of CASES) {
  test(`Spring Boot settings: ${name}`, async () => {
    const result = await scanWhenReady([{ path, text }], DEFAULT_SCAN_SETTINGS, RULES);
    assert.deepEqual(result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}`), expected);
  });
}
