import { ConfigError, loadStoreConfig } from '@vinhdanh/config';

describe('store configuration', () => {
  it('defaults to the embedded SQLite store under ./data', () => {
    expect(loadStoreConfig({})).toEqual({ backend: 'sqlite', sqlitePath: './data/vinhdanh.db', databaseUrl: undefined, kurrentdbUrl: undefined });
  });

  it('names the variable and the allowed values when EVENT_STORE is wrong', () => {
    expect(() => loadStoreConfig({ EVENT_STORE: 'mysql' })).toThrow(
      new ConfigError('EVENT_STORE', 'mysql', 'one of sqlite, postgres, kurrentdb'),
    );
  });

  it('requires DATABASE_URL for postgres', () => {
    expect(() => loadStoreConfig({ EVENT_STORE: 'postgres' })).toThrow(/DATABASE_URL=\(unset\)/);
  });

  it('refuses a DATABASE_URL that is not a postgres URL, without echoing its password', () => {
    let message = '';
    try {
      loadStoreConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://u:hunter2@h/db' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toMatch(/hunter2/);
  });
});
