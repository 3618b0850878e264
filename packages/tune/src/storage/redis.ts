/**
 * `RedisStorage`: a study on a Redis server, shared by every process that connects to it.
 *
 * Layout (prefix `convkit:tune:<study>:`): `info` (hash: direction, createdAt), `next` (the trial
 * counter, INCR), `trial:<n>` (one hash per trial: `state`, `startedAt`, `value`, … plus
 * `p:<name>`/`d:<name>` for each parameter and its distribution as JSON and `i:<step>` for each
 * intermediate value), `slots` (hash: queue slot → trial number, for distributed runs). Every
 * change of a trial is one Lua script, so it is atomic and refused on a trial that has ended.
 */
import { ConfigError } from '@convkit/core';
import { Redis, type RedisOptions } from 'ioredis';
import type {
  Direction,
  Distribution,
  Params,
  ParamValue,
  StudyInfo,
  StudyStorage,
  TrialRecord,
  TrialResult,
  TrialState,
} from '../types';
import { StorageUnavailableError } from './redis-errors';

/** Options of {@link RedisStorage.connect}. */
export interface RedisStorageOptions {
  /** Give up connecting after this many milliseconds. Default 5000. */
  connectTimeoutMs?: number;
  /** Key prefix. Default `'convkit:tune:'`. */
  prefix?: string;
}

const STUDY_NAME = /^[\w.-]{1,128}$/;
const STATES: readonly TrialState[] = ['running', 'complete', 'pruned', 'failed'];

/** Checks a study name: letters, digits, `_`, `.`, `-` (it becomes part of Redis keys and queue names). */
export function checkRedisStudyName(name: string): void {
  if (typeof name !== 'string' || !STUDY_NAME.test(name)) {
    throw new ConfigError(
      `study name ${JSON.stringify(name)} is not usable: give 1 to 128 letters, digits, '_', '.' or '-'`,
    );
  }
}

// KEYS[1] trial hash; ARGV: field/value pairs. Refuses a trial that does not exist or has ended.
const SET_IF_RUNNING = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return redis.error_reply('NOTRIAL') end
if state ~= 'running' then return redis.error_reply('ENDED ' .. state) end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1`;

// KEYS[1] counter, KEYS[2] slots hash; ARGV[1] trial key prefix, ARGV[2] slot ('' for none),
// ARGV[3] worker ('' for none), ARGV[4..] field/value pairs of a new trial. A slot that has a trial
// gets it back: when still running, taken over by the worker, its intermediate values cleared
// (the retried objective reports from its first step again). Returns {number, resumed (0/1)}.
const CREATE_TRIAL = `
if ARGV[2] ~= '' then
  local known = redis.call('HGET', KEYS[2], ARGV[2])
  if known then
    local key = ARGV[1] .. known
    if redis.call('HGET', key, 'state') == 'running' then
      for _, f in ipairs(redis.call('HKEYS', key)) do
        if string.sub(f, 1, 2) == 'i:' then redis.call('HDEL', key, f) end
      end
      if ARGV[3] ~= '' then redis.call('HSET', key, 'worker', ARGV[3]) end
    end
    return {tonumber(known), 1}
  end
end
local n = redis.call('INCR', KEYS[1]) - 1
local key = ARGV[1] .. n
redis.call('HSET', key, 'number', n, unpack(ARGV, 4))
if ARGV[3] ~= '' then redis.call('HSET', key, 'worker', ARGV[3]) end
if ARGV[2] ~= '' then redis.call('HSET', KEYS[2], ARGV[2], n) end
return {n, 0}`;

function unavailable(url: string, cause: unknown): StorageUnavailableError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new StorageUnavailableError(
    `cannot reach the Redis server at ${url} (${why}). Start one (e.g. \`redis-server --port 6379\`, ` +
      'or `docker run -p 6379:6379 redis`) or give the URL of a running server.',
    { cause },
  );
}

/** Parses a `redis://[user:password@]host[:port][/db]` (or `rediss://`) URL into ioredis options. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      `storage URL ${JSON.stringify(url)} is not a URL: give redis://host:port (e.g. redis://127.0.0.1:6379)`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError(`storage URL ${JSON.stringify(url)} is not a redis:// or rediss:// URL`);
  }
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0)
    throw new ConfigError(`storage URL ${url}: the database must be an integer >= 0`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port,
    db,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * Opens a Redis connection or fails within `timeoutMs` with a {@link StorageUnavailableError}.
 *
 * @param url - The server's URL (named in errors).
 * @param options - ioredis options (from {@link redisOptionsFromUrl}, plus any the caller needs).
 * @param timeoutMs - Connection time limit.
 * @returns The connected client.
 */
export async function connectRedis(url: string, options: RedisOptions, timeoutMs: number): Promise<Redis> {
  const client = new Redis({
    ...options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    // The first connection is tried once; later drops are retried a few times, then commands fail.
    retryStrategy: (times) => (times > 5 ? null : Math.min(times * 200, 1000)),
  });
  let lastError: unknown;
  client.on('error', (err) => {
    lastError = err;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    await client.ping();
    return client;
  } catch (err) {
    client.disconnect();
    throw unavailable(url, lastError ?? err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A study storage on Redis: several processes on several machines share one study through it.
 * Trial numbers come from one atomic counter, each trial is a hash changed by atomic scripts,
 * and every change is on the server before the method resolves.
 *
 * @example
 * ```ts
 * import { RedisStorage } from '@convkit/tune/node';
 *
 * const storage = await RedisStorage.connect('redis://127.0.0.1:6379');
 * await storage.openStudy('lenet-lr', 'maximize');
 * const trials = await storage.getTrials('lenet-lr', ['complete']);
 * await storage.close();
 * ```
 */
export class RedisStorage implements StudyStorage {
  /** The server's URL. */
  readonly url: string;
  /** The key prefix. */
  readonly prefix: string;
  /** The connection options (without the retry settings), for other clients such as BullMQ's. */
  readonly connectionOptions: RedisOptions;
  /** The connection time limit in milliseconds. */
  readonly connectTimeoutMs: number;
  private readonly client: Redis;
  private closed = false;

  private constructor(url: string, client: Redis, options: RedisOptions, prefix: string, timeoutMs: number) {
    this.url = url;
    this.client = client;
    this.connectionOptions = options;
    this.prefix = prefix;
    this.connectTimeoutMs = timeoutMs;
    client.defineCommand('ckSetIfRunning', { numberOfKeys: 1, lua: SET_IF_RUNNING });
    client.defineCommand('ckCreateTrial', { numberOfKeys: 2, lua: CREATE_TRIAL });
  }

  /**
   * Connects to the Redis server at `url`.
   *
   * @param url - `redis://[user:password@]host[:port][/db]` or `rediss://…`.
   * @param options - Connection time limit and key prefix.
   * @returns Resolves to the storage once the server answers.
   * @throws {ConfigError} for a URL that is not redis:// or rediss://.
   * @throws {StorageUnavailableError} when no server answers within the time limit (it names the URL).
   */
  static async connect(url: string, options: RedisStorageOptions = {}): Promise<RedisStorage> {
    const timeoutMs = options.connectTimeoutMs ?? 5000;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
      throw new ConfigError(`connectTimeoutMs must be a number > 0, got ${timeoutMs}`);
    }
    const redisOptions = redisOptionsFromUrl(url);
    const client = await connectRedis(url, { ...redisOptions, maxRetriesPerRequest: 2 }, timeoutMs);
    return new RedisStorage(url, client, redisOptions, options.prefix ?? 'convkit:tune:', timeoutMs);
  }

  private key(study: string, ...parts: (string | number)[]): string {
    return [`${this.prefix}${study}`, ...parts].join(':');
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (this.closed) throw new ConfigError(`RedisStorage.${what}: the storage is closed`);
    try {
      return await run();
    } catch (err) {
      // The server answered with an error (a refused script): not a connection problem.
      if (err instanceof ConfigError || (err as Error | undefined)?.name === 'ReplyError') throw err;
      throw unavailable(this.url, err);
    }
  }

  private async setIfRunning(study: string, trial: number, what: string, fields: (string | number)[]) {
    checkRedisStudyName(study);
    try {
      await this.call(what, () =>
        (this.client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>).ckSetIfRunning(
          this.key(study, 'trial', trial),
          ...fields,
        ),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/\bNOTRIAL\b/.test(message)) {
        throw new ConfigError(`${what}: study '${study}' has no trial ${trial}`);
      }
      const ended = /\bENDED (\w+)/.exec(message);
      if (ended) throw new ConfigError(`${what}: trial ${trial} of study '${study}' has ended (${ended[1]})`);
      throw err;
    }
  }

  async openStudy(name: string, direction: Direction): Promise<StudyInfo> {
    checkRedisStudyName(name);
    if (direction !== 'minimize' && direction !== 'maximize') {
      throw new ConfigError(`direction must be 'minimize' or 'maximize', got ${JSON.stringify(direction)}`);
    }
    const key = this.key(name, 'info');
    const info = await this.call('openStudy', async () => {
      await this.client
        .multi()
        .hsetnx(key, 'direction', direction)
        .hsetnx(key, 'createdAt', new Date().toISOString())
        .exec();
      return this.client.hgetall(key);
    });
    if (info.direction !== direction) {
      throw new ConfigError(
        `study '${name}' on ${this.url} exists with direction '${info.direction}', not '${direction}'`,
      );
    }
    return { name, direction, createdAt: info.createdAt };
  }

  async createTrial(
    study: string,
    init: { params?: Params; distributions?: Record<string, Distribution>; worker?: string } = {},
  ): Promise<TrialRecord> {
    return (await this.claimTrial(study, '', init)).trial;
  }

  /**
   * Creates the trial of a queue slot, or returns the one the slot already has (a job that
   * a killed worker left and another worker retries): so a slot gets one trial number only.
   * A resumed trial that is still `running` is taken over by `worker` and its intermediate values
   * are cleared (the retried objective reports from its first step again).
   *
   * @param study - The study.
   * @param slot - The slot's id (`''`: a new trial, no slot).
   * @param init - Fixed parameters and the worker's id.
   * @returns The trial and whether it existed already.
   */
  async claimTrial(
    study: string,
    slot: string,
    init: { params?: Params; distributions?: Record<string, Distribution>; worker?: string } = {},
  ): Promise<{ trial: TrialRecord; resumed: boolean }> {
    checkRedisStudyName(study);
    const fields: (string | number)[] = ['state', 'running', 'startedAt', new Date().toISOString()];
    for (const [name, value] of Object.entries(init.params ?? {})) {
      fields.push(`p:${name}`, JSON.stringify(value));
      const distribution = init.distributions?.[name];
      if (distribution !== undefined) fields.push(`d:${name}`, JSON.stringify(distribution));
    }
    const [n, resumed] = (await this.call('createTrial', () =>
      (this.client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>).ckCreateTrial(
        this.key(study, 'next'),
        this.key(study, 'slots'),
        `${this.key(study, 'trial')}:`,
        slot,
        init.worker ?? '',
        ...fields,
      ),
    )) as [number, number];
    const trial = await this.getTrial(study, n);
    if (!trial) throw new ConfigError(`createTrial: trial ${n} of study '${study}' vanished`);
    return { trial, resumed: resumed === 1 };
  }

  /**
   * One trial, or undefined when the study has no trial `number`.
   *
   * @param study - The study.
   * @param number - The trial's number.
   * @returns The record.
   */
  async getTrial(study: string, number: number): Promise<TrialRecord | undefined> {
    checkRedisStudyName(study);
    const hash = await this.call('getTrial', () => this.client.hgetall(this.key(study, 'trial', number)));
    return Object.keys(hash).length === 0 ? undefined : parseTrial(hash);
  }

  async setParam(study: string, trial: number, name: string, value: ParamValue, distribution: Distribution) {
    await this.setIfRunning(study, trial, 'setParam', [
      `p:${name}`,
      JSON.stringify(value),
      `d:${name}`,
      JSON.stringify(distribution),
    ]);
  }

  async reportIntermediate(study: string, trial: number, step: number, value: number) {
    if (!Number.isInteger(step) || step < 0) {
      throw new ConfigError(`reportIntermediate: step must be an integer >= 0, got ${step}`);
    }
    if (!Number.isFinite(value)) throw new ConfigError(`reportIntermediate: value must be finite, got ${value}`);
    await this.setIfRunning(study, trial, 'reportIntermediate', [`i:${step}`, String(value)]);
  }

  async finishTrial(study: string, trial: number, result: TrialResult) {
    if (!STATES.includes(result.state) || (result.state as TrialState) === 'running') {
      throw new ConfigError(`finishTrial: state must be complete, pruned or failed, got ${String(result.state)}`);
    }
    if (result.state === 'complete' && !Number.isFinite(result.value)) {
      throw new ConfigError(`finishTrial: a complete trial needs a finite value, got ${String(result.value)}`);
    }
    const fields: (string | number)[] = ['state', result.state, 'finishedAt', new Date().toISOString()];
    if (result.value !== undefined) fields.push('value', String(result.value));
    if (result.error !== undefined) fields.push('error', result.error);
    if (result.userAttrs !== undefined) fields.push('userAttrs', JSON.stringify(result.userAttrs));
    await this.setIfRunning(study, trial, 'finishTrial', fields);
  }

  async getTrials(study: string, states?: readonly TrialState[]): Promise<TrialRecord[]> {
    checkRedisStudyName(study);
    const count = Number((await this.call('getTrials', () => this.client.get(this.key(study, 'next')))) ?? 0);
    if (count === 0) return [];
    const replies = await this.call('getTrials', async () => {
      const pipeline = this.client.pipeline();
      for (let n = 0; n < count; n++) pipeline.hgetall(this.key(study, 'trial', n));
      return (await pipeline.exec()) ?? [];
    });
    const trials: TrialRecord[] = [];
    for (const [err, hash] of replies) {
      if (err) throw unavailable(this.url, err);
      const h = hash as Record<string, string>;
      if (Object.keys(h).length === 0) continue;
      const record = parseTrial(h);
      if (!states || states.includes(record.state)) trials.push(record);
    }
    return trials;
  }

  /**
   * Deletes every key of `study` (its trials, counter and slots). The BullMQ queue of a
   * distributed run is separate: see `optimizeDistributed`'s `clean`.
   *
   * @param study - The study.
   */
  async deleteStudy(study: string): Promise<void> {
    checkRedisStudyName(study);
    await this.call('deleteStudy', async () => {
      const count = Number((await this.client.get(this.key(study, 'next'))) ?? 0);
      const keys = [this.key(study, 'info'), this.key(study, 'next'), this.key(study, 'slots')];
      for (let n = 0; n < count; n++) keys.push(this.key(study, 'trial', n));
      await this.client.del(...keys);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }
}

function parseTrial(h: Record<string, string>): TrialRecord {
  const params: Params = {};
  const distributions: Record<string, Distribution> = {};
  const intermediate: Record<number, number> = {};
  for (const [field, raw] of Object.entries(h)) {
    if (field.startsWith('p:')) params[field.slice(2)] = JSON.parse(raw) as ParamValue;
    else if (field.startsWith('d:')) distributions[field.slice(2)] = JSON.parse(raw) as Distribution;
    else if (field.startsWith('i:')) intermediate[Number(field.slice(2))] = Number(raw);
  }
  return {
    number: Number(h.number),
    state: h.state as TrialState,
    params,
    distributions,
    ...(h.value !== undefined ? { value: Number(h.value) } : {}),
    intermediate,
    startedAt: h.startedAt,
    ...(h.finishedAt !== undefined ? { finishedAt: h.finishedAt } : {}),
    ...(h.worker !== undefined ? { worker: h.worker } : {}),
    ...(h.error !== undefined ? { error: h.error } : {}),
    ...(h.userAttrs !== undefined ? { userAttrs: JSON.parse(h.userAttrs) as Record<string, unknown> } : {}),
  };
}
