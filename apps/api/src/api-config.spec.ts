import { ConfigError, loadApiConfig } from '@vinhdanh/config';

describe('API configuration', () => {
  it('defaults to the embedded mode on 127.0.0.1:3000 with a secret under ./data', () => {
    expect(loadApiConfig({})).toMatchObject({
      mode: 'embedded',
      port: 3000,
      host: '127.0.0.1',
      redisUrl: 'redis://127.0.0.1:6379',
      jwt: { key: { kind: 'embedded', secretFile: './data/jwt-secret' } },
      readModelRefreshMs: 1000,
      readCacheMb: 64,
      workers: 1,
    });
    expect(loadApiConfig({ API_WORKERS: '2' }).workers).toBe(2);
    expect(loadApiConfig({ READ_MODEL_REFRESH_MS: '0' }).readModelRefreshMs).toBe(0);
    expect(loadApiConfig({ READ_CACHE_MB: '0' }).readCacheMb).toBe(0);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ VINHDANH_MODE: 'staging' }, 'VINHDANH_MODE'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_PUBLIC_KEY: 'not a pem' }, 'JWT_PUBLIC_KEY'],
    [{ JWT_JWKS_URL: 'ftp://x/jwks' }, 'JWT_JWKS_URL'],
    [{ JWT_SECRET: 'x'.repeat(40), JWT_JWKS_URL: 'https://sso/jwks' }, 'JWT_JWKS_URL'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ HOST: 'a host' }, 'HOST'],
    [{ READ_MODEL_REFRESH_MS: '-1' }, 'READ_MODEL_REFRESH_MS'],
    [{ API_WORKERS: '0' }, 'API_WORKERS'],
    [{ READ_CACHE_MB: 'lots' }, 'READ_CACHE_MB'],
  ])('names the variable that is wrong: %j', (env, variable) => {
    let error: unknown;
    try {
      loadApiConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).not.toContain('x'.repeat(40));
  });

  it('needs a JWT source in production, and takes any one of the three', () => {
    expect(loadApiConfig({ VINHDANH_MODE: 'production', JWT_JWKS_URL: 'https://sso.example/jwks.json', JWT_ISSUER: 'https://sso.example' }).jwt).toEqual({
      key: { kind: 'jwks', jwksUrl: 'https://sso.example/jwks.json' },
      issuer: 'https://sso.example',
      audience: undefined,
    });
  });
});
