import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';

// `npm run e2e:setup` runs the setup under an npm whose variables name that npm's Node; the npm the setup starts must
// not take them for its own, or code-server's postinstall (which reads the Node version from npm_config_user_agent)
// refuses to install. A real npm install of a local package whose postinstall records what it was told.

const REPOSITORY = resolve(__dirname, '..', '..', '..', '..');
const TOOLS_MODULE = pathToFileURL(join(REPOSITORY, 'scripts', 'e2e-tools.mjs')).href;
const scratch = mkdtempSync(join(tmpdir(), 'amr-npm-run-env-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function probePackage(): string {
  const dir = join(scratch, 'probe');
  mkdirSync(dir, { recursive: true });
  const record = "require('node:fs').writeFileSync(process.env.PROBE_OUT, String(process.env.npm_config_user_agent))";
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'npm-env-probe', version: '1.0.0', scripts: { postinstall: `node -e "${record}"` } }));
  return dir;
}

test("the npm e2e-setup starts reports its own Node to postinstall scripts, not the outer npm run's", () => {
  const recorded = join(scratch, 'user-agent.txt');
  // What `npm run` exports to the script it runs (values of an npm on another Node, so a leak is visible).
  const outerNpmRun = {
    ...process.env,
    npm_config_user_agent: 'npm/0.0.0 node/v0.0.0 linux x64 workspaces/false',
    npm_config_prefix: join(scratch, 'outer-prefix'),
    npm_config_nodedir: join(scratch, 'outer-nodedir'),
    NODE: join(scratch, 'outer-node'),
    PROBE_OUT: recorded,
    // npm's cache and logs go to the scratch folder, not the real home.
    HOME: join(scratch, 'home'),
  };
  const installWithSetupEnvironment = `
    import { spawnSync } from 'node:child_process';
    import { withoutNpmRunVariables } from ${JSON.stringify(TOOLS_MODULE)};
    const [prefix, probe] = process.argv.slice(1);
    const npm = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--install-links',
      '--foreground-scripts', probe], { stdio: 'inherit', env: withoutNpmRunVariables(process.env) });
    process.exit(npm.status ?? 1);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', installWithSetupEnvironment, join(scratch, 'prefix'), probePackage()],
    { env: outerNpmRun, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  const userAgent = readFileSync(recorded, 'utf8');
  assert.match(userAgent, new RegExp(`node/v${process.versions.node.replace(/\./g, '\\.')} `));
  assert.doesNotMatch(userAgent, /node\/v0\.0\.0/);
});
