import { ConfigurationError, loadPlatformConfig } from './platform-config';

describe('loadPlatformConfig', () => {
  it('defaults to embedded mode on PGlite in ./data with the PostgreSQL event store', () => {
    const config = loadPlatformConfig({}, { port: 3000 });
    expect(config).toMatchObject({ mode: 'embedded', port: 3000, eventStore: 'postgres', databaseUrl: undefined });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('switches to distributed mode when NATS_URL is set', () => {
    const config = loadPlatformConfig(
      { NATS_URL: 'nats://127.0.0.1:4222', DATABASE_URL: 'postgres://db/x', PORT: '4000' },
      { port: 3000 },
    );
    expect(config).toMatchObject({ mode: 'distributed', port: 4000, natsUrl: 'nats://127.0.0.1:4222' });
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadPlatformConfig({ PORT: 'eighty', EVENT_STORE: 'eventstoredb', NATS_URL: 'nats://x:4222' }, { port: 3000 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'PORT must be a TCP port number, got "eighty"',
      'EVENT_STORE=eventstoredb needs EVENTSTORE_URL (e.g. esdb://localhost:2113?tls=false)',
      'NATS_URL (distributed mode) needs DATABASE_URL: embedded PostgreSQL cannot be shared between processes',
    ]);
  });

  it('loads demo data in embedded mode only, unless told otherwise, and never in production', () => {
    expect(loadPlatformConfig({}, { port: 3000 }).demoData).toBe(true);
    expect(loadPlatformConfig({ DEMO_DATA: 'false' }, { port: 3000 }).demoData).toBe(false);
    expect(loadPlatformConfig({ NATS_URL: 'nats://x:4222', DATABASE_URL: 'postgres://db/x' }, { port: 3000 }).demoData).toBe(false);
    expect(loadPlatformConfig({ NODE_ENV: 'production' }, { port: 3000 }).demoData).toBe(false);
    expect(() => loadPlatformConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' }, { port: 3000 })).toThrow(/DEMO_DATA cannot be on with NODE_ENV=production/);
  });

  it('reads the master keys being rotated out as a comma-separated list, none by default', () => {
    expect(loadPlatformConfig({}, { port: 3000 }).previousMasterKeys).toEqual([]);
    expect(loadPlatformConfig({ PREVIOUS_MASTER_KEYS: ' a2V5LW9uZQ== , ,a2V5LXR3bw== ' }, { port: 3000 }).previousMasterKeys).toEqual(['a2V5LW9uZQ==', 'a2V5LXR3bw==']);
  });

  it('rejects an unknown log level', () => {
    expect(() => loadPlatformConfig({ LOG_LEVEL: 'loud' }, { port: 3000 })).toThrow(/LOG_LEVEL must be one of error, warn, info, debug/);
  });

  it('rejects an unknown event store', () => {
    expect(() => loadPlatformConfig({ EVENT_STORE: 'mongodb' }, { port: 3000 })).toThrow(/EVENT_STORE must be/);
  });
});
