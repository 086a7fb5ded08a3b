import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempTree } from '../../helpers/tempTree';

/**
 * The golden fixed Go files (test/fixtures/tree-client-fixes/go/<case>/expected) compile with Debian's Go compiler.
 * The module proxy is unreachable, so go-redis and go-redis-entraid are replaced by declarations written here that
 * mirror the real signatures the fixed code uses: go-redis v9.9 `redis.Options`/`redis.ClusterOptions` (Addr/Addrs,
 * Username, Password, DB, TLSConfig, StreamingCredentialsProvider), `NewClient`, `NewClusterClient`, `ParseURL`,
 * `Ping(ctx).Err()`, the `auth.StreamingCredentialsProvider` interface (Subscribe(listener) (Credentials,
 * UnsubscribeFunc, error)); go-redis-entraid v1.0 `NewDefaultAzureCredentialsProvider(DefaultAzureCredentialsProviderOptions)
 * (auth.StreamingCredentialsProvider, error)`.
 */
const CASES = resolve('test/fixtures/tree-client-fixes/go');

const GO_REDIS: Record<string, string> = {
  'go.mod': 'module github.com/redis/go-redis/v9\n\ngo 1.19\n',
  'auth/auth.go': `package auth

type Credentials interface {
	BasicAuth() (username string, password string)
	RawCredentials() string
}

type CredentialsListener interface {
	OnNext(credentials Credentials)
	OnError(err error)
}

type UnsubscribeFunc func() error

type StreamingCredentialsProvider interface {
	Subscribe(listener CredentialsListener) (Credentials, UnsubscribeFunc, error)
}
`,
  'redis.go': `package redis

import (
	"context"
	"crypto/tls"

	"github.com/redis/go-redis/v9/auth"
)

type Options struct {
	Addr                         string
	Username                     string
	Password                     string
	DB                           int
	TLSConfig                    *tls.Config
	StreamingCredentialsProvider auth.StreamingCredentialsProvider
}

type ClusterOptions struct {
	Addrs                        []string
	Username                     string
	Password                     string
	TLSConfig                    *tls.Config
	StreamingCredentialsProvider auth.StreamingCredentialsProvider
}

type StatusCmd struct{ err error }

func (cmd *StatusCmd) Err() error { return cmd.err }

type Client struct{ opt *Options }

func NewClient(opt *Options) *Client                  { return &Client{opt} }
func (c *Client) Ping(ctx context.Context) *StatusCmd { return &StatusCmd{} }
func ParseURL(redisURL string) (*Options, error)      { return &Options{}, nil }

type ClusterClient struct{ opt *ClusterOptions }

func NewClusterClient(opt *ClusterOptions) *ClusterClient    { return &ClusterClient{opt} }
func (c *ClusterClient) Ping(ctx context.Context) *StatusCmd { return &StatusCmd{} }
`,
};

const ENTRAID: Record<string, string> = {
  'go.mod': 'module github.com/redis/go-redis-entraid\n\ngo 1.19\n\nrequire github.com/redis/go-redis/v9 v9.9.0\n\nreplace github.com/redis/go-redis/v9 => ../go-redis\n',
  'entraid.go': `package entraid

import "github.com/redis/go-redis/v9/auth"

type CredentialsProviderOptions struct{ ClientID string }

type DefaultAzureCredentialsProviderOptions struct {
	CredentialsProviderOptions
}

func NewDefaultAzureCredentialsProvider(options DefaultAzureCredentialsProviderOptions) (auth.StreamingCredentialsProvider, error) {
	return nil, nil
}
`,
};

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

for (const name of ['new-client', 'parse-url']) {
  test(`go ${name}: the fixed files compile against declarations mirroring go-redis v9 and go-redis-entraid`, () => {
    const tree = tempTree({});
    try {
      write(join(tree.root, 'go-redis'), GO_REDIS);
      write(join(tree.root, 'go-redis-entraid'), ENTRAID);
      const app = join(tree.root, 'app');
      cpSync(join(CASES, name, 'expected'), app, { recursive: true });
      const goMod = join(app, 'go.mod');
      const declared = existsSync(goMod) ? readFileSync(goMod, 'utf8') : 'module example.com/app\n\ngo 1.19\n\nrequire github.com/redis/go-redis/v9 v9.9.0\n';
      // The declarations stand in for the modules; Debian's compiler may be older than the go line the project asks for.
      writeFileSync(goMod, `${declared.replace(/^go \d+\.\d+$/m, 'go 1.19')}\nreplace github.com/redis/go-redis/v9 => ../go-redis\n\nreplace github.com/redis/go-redis-entraid => ../go-redis-entraid\n`);
      const built = spawnSync('go', ['build', '-o', join(tree.root, 'out'), './...'], {
        cwd: app,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', GOCACHE: join(tree.root, 'cache'), GOPATH: join(tree.root, 'gopath') },
      });
      assert.equal(built.error, undefined, 'the go command did not run (apt-get install golang-go)');
      assert.equal(built.stderr, '');
      assert.equal(built.status, 0);
    } finally {
      tree.cleanup();
    }
  });
}
