// Boot checks: a bad indicator file or bad configuration stops the server with a clear message.
import { mkdir, writeFile, cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';

describe('boot', () => {
  it('refuses to start on a bad indicator file, naming the file and the problem', async () => {
    const dir = join('tests', '.tmp', 'boot-queries');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await cp('queries', dir, { recursive: true });
    const bad = join(dir, 'population', 'births.sql');
    await writeFile(bad, '-- id: births\n-- name_vi: Số trẻ sinh ra\nSELECT 1');
    const config = loadConfig({ IOC_DB: ':memory:', IOC_QUERIES: dir, IOC_DEMO: 'false' });
    await expect(openContext(config)).rejects.toThrow(/population\/births\.sql: .*(missing|required)/i);
  });

  it('refuses a statement that does not match the store', async () => {
    const dir = join('tests', '.tmp', 'boot-queries-2');
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await cp('queries', dir, { recursive: true });
    const file = join(dir, 'population', 'deaths.sql');
    const { readFile } = await import('node:fs/promises');
    await writeFile(file, (await readFile(file, 'utf8')).replace('sum(deaths)', 'sum(funerals)'));
    const config = loadConfig({ IOC_DB: ':memory:', IOC_QUERIES: dir, IOC_DEMO: 'false' });
    await expect(openContext(config)).rejects.toThrow(/population\/deaths\.sql/);
  });
});
