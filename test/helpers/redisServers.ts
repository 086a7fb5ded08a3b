// Starts real redis-server processes for integration tests: plain, TLS (test CA + hostname certificate), ACL users,
// OSS clusters. Ports are picked at run time (never 6379), everything lives in one temp dir, and every process is
// killed when the environment is disposed — or, as a last resort, when the test process exits.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCertificates } from '../armServer/certificates';

/** Host name the test certificate is issued for; clients connect to 127.0.0.1 and verify against this name. */
export const TLS_SERVERNAME = 'redis.test.local';

export interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
  servername: string;
}

export interface AclUser {
  name: string;
  password: string;
  /** ACL rules after `on >password`, e.g. `['~*', '+@all']`. */
  rules: string[];
}

export interface ServerOptions {
  tls?: boolean;
  /** Password of the `default` user. */
  password?: string;
  aclUsers?: AclUser[];
  /** Keep data across kill/restart through an append-only file. */
  appendOnly?: boolean;
  /** Extra `--name value` config arguments. */
  config?: string[];
}

export interface RedisServer {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsFiles | undefined;
  readonly dataDir: string;
  /** Password of the `default` user, if set. */
  readonly password: string | undefined;
  /** `redis://` or `rediss://` URL with the given credentials (default user's password when none given). */
  url(user?: { name: string; password: string }): string;
  /** Runs redis-cli against this server as the default user and returns its raw output. */
  cli(...args: string[]): string;
  /** SIGKILL: no shutdown save, like a crash. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data dir. */
  restart(): Promise<void>;
}

export interface RedisCluster {
  readonly nodes: RedisServer[];
  /** Root node URLs for a cluster client. */
  readonly urls: string[];
}

const HOST = '127.0.0.1';
/** A redis-cli call that hangs (e.g. a cluster that never joins) fails the test instead of stalling the suite. */
const CLI_TIMEOUT_MS = 30_000;
const live = new Set<ChildProcess>();
const liveDirs = new Set<string>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
});

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function createTlsFiles(dir: string): TlsFiles {
  const certificates = createTestCertificates([TLS_SERVERNAME]);
  const files = { caFile: join(dir, 'ca.crt'), certFile: join(dir, 'server.crt'), keyFile: join(dir, 'server.key') };
  writeFileSync(files.caFile, certificates.caCertPem);
  writeFileSync(files.certFile, certificates.serverCertPem);
  writeFileSync(files.keyFile, certificates.serverKeyPem, { mode: 0o600 });
  return { ...files, servername: TLS_SERVERNAME };
}

/** One temp dir, one CA, and every server started through it; `dispose()` stops them all and deletes the dir. */
export class RedisTestEnv {
  readonly dir = mkdtempSync(join(tmpdir(), 'amr-redis-'));
  #tls: TlsFiles | undefined;
  readonly #children = new Set<ChildProcess>();
  #count = 0;

  get tlsFiles(): TlsFiles {
    if (!this.#tls) {
      const tlsDir = join(this.dir, 'tls');
      mkdirSync(tlsDir);
      this.#tls = createTlsFiles(tlsDir);
    }
    return this.#tls;
  }

  async startServer(options: ServerOptions = {}, extraConfig: string[] = []): Promise<RedisServer> {
    const dataDir = join(this.dir, `server-${++this.#count}`);
    mkdirSync(dataDir);
    const tls = options.tls ? this.tlsFiles : undefined;
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const args = serverArgs(port, dataDir, tls, options, extraConfig);
      try {
        const child = await this.#spawnServer(args, dataDir);
        return this.#handle(port, dataDir, tls, options, args, child);
      } catch (error) {
        // Another process may have taken the port between picking and binding it.
        if (attempt >= 3) throw error;
      }
    }
  }

  async startCluster(primaries: number, options: ServerOptions = {}): Promise<RedisCluster> {
    const nodes: RedisServer[] = [];
    for (let i = 0; i < primaries; i++) {
      const busPort = await freePort();
      nodes.push(await this.startServer(options, ['--cluster-enabled', 'yes', '--cluster-port', String(busPort),
        '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']));
    }
    const addresses = nodes.map((node) => `${HOST}:${node.port}`);
    nodes[0]!.cli('--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes');
    await waitFor(() => nodes.every((node) => /cluster_state:ok/.test(node.cli('cluster', 'info'))), 'cluster_state:ok');
    // Every node must also know every slot owner before clients discover the topology.
    await waitFor(() => nodes.every((node) => node.cli('cluster', 'slots').split('\n').filter((l) => l.trim()).length >= primaries),
      'cluster slots on every node');
    return { nodes, urls: nodes.map((node) => node.url()) };
  }

  constructor() {
    liveDirs.add(this.dir);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#children].map((child) => stopChild(child)));
    rmSync(this.dir, { recursive: true, force: true });
    liveDirs.delete(this.dir);
  }

  #spawnServer(args: string[], dataDir: string): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn('redis-server', args, { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
      live.add(child);
      this.#children.add(child);
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          resolve(child);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        live.delete(child);
        this.#children.delete(child);
        reject(new Error(`redis-server exited with ${code} before it was ready:\n${output.slice(-2000)}`));
      });
      child.once('error', reject);
    });
  }

  #handle(port: number, dataDir: string, tls: TlsFiles | undefined, options: ServerOptions, args: string[], first: ChildProcess): RedisServer {
    let child: ChildProcess | undefined = first;
    const cliBase = [...(tls ? ['--tls', '--cacert', tls.caFile, '--sni', tls.servername] : []), '-h', HOST, '-p', String(port),
      ...(options.password ? ['--user', 'default', '--pass', options.password, '--no-auth-warning'] : [])];
    return {
      host: HOST,
      port,
      tls,
      dataDir,
      password: options.password,
      url: (user) => {
        const credentials = user ?? (options.password ? { name: 'default', password: options.password } : undefined);
        const auth = credentials ? `${encodeURIComponent(credentials.name)}:${encodeURIComponent(credentials.password)}@` : '';
        return `${tls ? 'rediss' : 'redis'}://${auth}${HOST}:${port}`;
      },
      cli: (...cliArgs) => execFileSync('redis-cli', [...cliBase, ...cliArgs], { encoding: 'utf8', timeout: CLI_TIMEOUT_MS }),
      kill: async () => {
        if (child) await stopChild(child);
        child = undefined;
      },
      restart: async () => {
        if (child) await stopChild(child);
        child = await this.#spawnServer(args, dataDir);
      },
    };
  }
}

function serverArgs(port: number, dataDir: string, tls: TlsFiles | undefined, options: ServerOptions, extra: string[]): string[] {
  const args = ['--bind', HOST, '--dir', dataDir, '--save', '', '--daemonize', 'no', '--protected-mode', 'no',
    '--appendonly', options.appendOnly ? 'yes' : 'no', '--loglevel', 'notice'];
  // A server killed with SIGKILL keeps only what reached the disk: fsync every write, not every second.
  if (options.appendOnly) args.push('--appendfsync', 'always');
  if (tls) {
    args.push('--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile,
      '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', 'no');
    if (extra.includes('--cluster-enabled')) args.push('--tls-cluster', 'yes');
  } else {
    args.push('--port', String(port));
  }
  if (options.password) args.push('--requirepass', options.password);
  for (const user of options.aclUsers ?? []) args.push('--user', user.name, 'on', `>${user.password}`, ...user.rules);
  return [...args, ...(options.config ?? []), ...extra];
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
