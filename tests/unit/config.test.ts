// Configuration: defaults, and a clear error naming every bad variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({ db: 'data/ioc.duckdb', port: 8080, minCell: 5, demo: true });
  });
  it('reads the environment', () => {
    expect(loadConfig({ IOC_DB: '/tmp/x.duckdb', PORT: '9000', IOC_MIN_CELL: '10', IOC_DEMO: 'false' })).toMatchObject({
      db: '/tmp/x.duckdb',
      port: 9000,
      minCell: 10,
      demo: false,
    });
  });
  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', IOC_MIN_CELL: '0', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', IOC_MIN_CELL: '0', LOG_LEVEL: 'loud' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT="eighty"');
      expect(msg).toContain('IOC_MIN_CELL=0');
      expect(msg).toContain('LOG_LEVEL="loud"');
    }
  });
  it('reads the accounts settings and refuses bad ones by name', () => {
    expect(loadConfig({})).toMatchObject({ mode: 'demo', sessionHours: 12, cookieSecure: false, maxLagMs: 1000 });
    expect(
      loadConfig({
        IOC_MODE: 'production',
        IOC_SESSION_HOURS: '0.5',
        IOC_COOKIE_SECURE: 'true',
        IOC_DEMO_PASSWORD: 'ten-chars-ok',
      }),
    ).toMatchObject({
      mode: 'production',
      sessionHours: 0.5,
      cookieSecure: true,
      demoPassword: 'ten-chars-ok',
    });
    expect(() => loadConfig({ IOC_MODE: 'prod' })).toThrow(/IOC_MODE="prod": expected demo or production/);
    expect(() => loadConfig({ IOC_SESSION_HOURS: 'forever' })).toThrow(/IOC_SESSION_HOURS/);
    expect(() => loadConfig({ IOC_DEMO_PASSWORD: 'short' })).toThrow(/IOC_DEMO_PASSWORD/);
  });
});
