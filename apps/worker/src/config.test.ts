import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from './config.ts';

describe('worker configuration', () => {
  it('starts with development defaults when nothing is set', () => {
    const config = loadWorkerConfig({});
    expect(config.REDIS_PREFIX).toBe('pk:');
    expect(config.ANSWER_LOG_SHARDS).toBe(16);
    expect(config.WORKER_CONCURRENCY).toBe(4);
  });

  it('refuses bad configuration with one line naming every bad variable', () => {
    const load = () => loadWorkerConfig({ ANSWER_LOG_SHARDS: 'sixteen', DATABASE_URL: 'not a url' });
    expect(load).toThrowError(
      /^invalid worker configuration: .*DATABASE_URL.*ANSWER_LOG_SHARDS|ANSWER_LOG_SHARDS.*DATABASE_URL/,
    );
    expect(load).toThrowError(/^[^\n]*$/);
  });
});
