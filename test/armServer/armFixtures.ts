import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * Azure's own ARM payloads, kept in the repository (test/fixtures/arm, see its SOURCES.md). Resolved from the
 * compiled file (out/test/armServer) so tests, the e2e ARM server and scripts all read the same copy.
 */
export function armFixturesDir(): string {
  return resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'arm');
}

export interface ArmFixture {
  /** Path relative to the fixtures folder, with `/`. */
  file: string;
  /** The response body Azure sends (spec examples: `responses.200.body`; recordings: the first entry's body). */
  body: unknown;
}

export function listArmFixtureFiles(dir = armFixturesDir()): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder).flatMap((name) => {
      const path = join(folder, name);
      return statSync(path).isDirectory() ? walk(path) : name.endsWith('.json') ? [path] : [];
    });
  return walk(dir).map((path) => relative(dir, path).split('\\').join('/')).sort();
}

export function loadArmFixture(file: string, dir = armFixturesDir()): ArmFixture {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    responses?: Record<string, { body?: unknown }>;
    Entries?: { ResponseBody: unknown }[];
  };
  if (json.Entries) return { file, body: json.Entries[0].ResponseBody };
  const responses = json.responses ?? {};
  const status = ['200', '201'].find((code) => code in responses) ?? Object.keys(responses)[0];
  return { file, body: status === undefined ? undefined : (responses[status].body ?? undefined) };
}
