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
});
