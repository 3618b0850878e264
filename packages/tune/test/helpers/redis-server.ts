/**
 * A throw-away Redis server for the distributed tests: Debian's `redis-server` on a free port,
 * without persistence, stopped by `stop()`. Without `redis-server` the tests fail with a message
 * saying how to install it (`node scripts/ensure-test-tools.mjs`, which `pnpm test` runs); they
 * never skip.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { findRedisServer } from '../../../../scripts/tools/find.mjs';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.write('PING\r\n');
      socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
    });
  });
}

/** A running server. */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server --port <free port> --save '' --appendonly no` and waits until it answers.
 *
 * @param what - The test's name, for the error message.
 * @returns The server.
 */
export async function startRedisServer(what: string): Promise<RedisServer> {
  const found = findRedisServer();
  if (found.path === undefined) {
    throw new Error(
      `${what}: ${found.problem}. Run \`node scripts/ensure-test-tools.mjs\` (pnpm test does) to install it ` +
        '(Debian: `apt-get install redis-server`), or point CONVKIT_REDIS_SERVER at a redis-server binary. This test does not skip.',
    );
  }
  const port = await freePort();
  const proc: ChildProcess = spawn(
    found.path,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${what}: redis-server on port ${port} did not start: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
