import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has usable defaults', () => {
    expect(loadConfig({})).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATABASE_URL: './data/vigie.sqlite',
      FLOOD_INTERVAL_SECONDS: 15,
      TRUST_PROXY: false,
      CORS_ORIGINS: [],
      COOKIE_SECURE: 'auto',
      MAX_COMMENT_LENGTH: 5000,
      LOG_LEVEL: 'info',
    });
  });

  it('parses the documented variables', () => {
    expect(
      loadConfig({
        PORT: '8080',
        TRUST_PROXY: 'true',
        CORS_ORIGINS: 'https://www.site.example, https://m.site.example',
        COOKIE_SECURE: 'true',
        FLOOD_INTERVAL_SECONDS: '0',
        RATE_LIMIT_PER_MINUTE: '0',
        MAX_COMMENT_LENGTH: '2000',
        LOG_LEVEL: 'warn',
      }),
    ).toMatchObject({
      PORT: 8080,
      TRUST_PROXY: true,
      CORS_ORIGINS: ['https://www.site.example', 'https://m.site.example'],
      COOKIE_SECURE: true,
      FLOOD_INTERVAL_SECONDS: 0,
      RATE_LIMIT_PER_MINUTE: 0,
      MAX_COMMENT_LENGTH: 2000,
      LOG_LEVEL: 'warn',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['TRUST_PROXY', 'maybe'],
    ['CORS_ORIGINS', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['FLOOD_INTERVAL_SECONDS', '-1'],
  ])('names the bad variable %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
