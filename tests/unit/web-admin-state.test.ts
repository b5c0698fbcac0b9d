// The admin screens' URLs (web/src/state/admin-state.ts): each view survives a round trip, bad input
// falls back, and the audit log's query and CSV link carry the same filters.
import { describe, expect, it } from 'vitest';
import {
  adminUrl,
  AUDIT_ACTIONS,
  auditCsvUrl,
  auditQuery,
  pageCount,
  parseAdmin,
  shortHash,
  type AdminView,
} from '../../web/src/state/admin-state.ts';
import { MESSAGES } from '../../web/src/i18n/index.ts';

const v = (patch: Partial<AdminView> = {}): AdminView => ({
  screen: 'accounts',
  lang: 'vi',
  audit: { page: 1 },
  create: false,
  ...patch,
});
const roundTrip = (view: AdminView) => {
  const url = new URL(adminUrl(view), 'http://x');
  return parseAdmin(url.pathname, url.search);
};

describe('admin views in the URL', () => {
  it.each<[string, AdminView]>([
    ['accounts', v()],
    ['accounts in English', v({ lang: 'en' })],
    ['creating an account', v({ create: true })],
    ['editing an account', v({ edit: 'lanhdao.namtrung' })],
    ['the audit log', v({ screen: 'audit' })],
    [
      'the audit log filtered, page 3',
      v({
        screen: 'audit',
        audit: { from: '2026-01-01', to: '2026-01-31', account: 'quantri', action: 'denied', unit: '10633', page: 3 },
      }),
    ],
  ])('%s', (_name, view) => expect(roundTrip(view)).toEqual(view));

  it.each([
    ['/admin', '', v()],
    ['/admin/', '?new=0', v()],
    ['/admin/nothing', '', v()],
    [
      '/admin/audit',
      '?from=2026-13-01&to=yesterday&action=DROP%20TABLE&page=-2&account=%20%20',
      v({ screen: 'audit' }),
    ],
    ['/admin/audit', '?page=2.5&lang=fr', v({ screen: 'audit' })],
  ])('parses %s%s with fallbacks', (path, search, expected) => expect(parseAdmin(path, search)).toEqual(expected));

  it('other paths are not admin views', () => {
    expect(parseAdmin('/', '')).toBeNull();
    expect(parseAdmin('/administration', '')).toBeNull();
    expect(parseAdmin('/targets', '?unit=10633')).toBeNull();
  });

  it('keeps what belongs to the other screen out of the link', () => {
    expect(adminUrl(v({ screen: 'audit', edit: 'x', create: true }))).toBe('/admin/audit');
    expect(adminUrl(v({ audit: { action: 'denied', page: 2 } }))).toBe('/admin/accounts');
  });
});

describe('the audit log query', () => {
  const f = { from: '2026-11-01', to: '2026-11-27', account: 'lanhdao.namtrung', action: 'denied', page: 3 };

  it('pages by 50 from the newest', () => {
    expect(auditQuery(f)).toBe(
      'from=2026-11-01&to=2026-11-27&account=lanhdao.namtrung&action=denied&limit=50&offset=100',
    );
    expect(auditQuery({ page: 1 })).toBe('limit=50&offset=0');
  });

  it('the CSV has the same filters and every page', () => {
    expect(auditCsvUrl(f)).toBe(
      '/api/admin/audit.csv?from=2026-11-01&to=2026-11-27&account=lanhdao.namtrung&action=denied',
    );
    expect(auditCsvUrl({ page: 4 })).toBe('/api/admin/audit.csv');
  });

  it.each([
    [0, 1],
    [50, 1],
    [51, 2],
    [1234, 25],
  ])('%i records make %i pages', (total, pages) => expect(pageCount(total)).toBe(pages));

  it('short hashes', () => {
    expect(shortHash('0e62a09a294ea96df2d4283460b8379618612c7d3c812157e57e5c080384f5dd')).toBe('0e62a09a29');
    expect(shortHash(null)).toBe('');
  });

  it('every action has a label in both languages', () => {
    for (const a of AUDIT_ACTIONS) {
      expect(MESSAGES.vi[`audit.action.${a}`], a).toBeTruthy();
      expect(MESSAGES.en[`audit.action.${a}`], a).toBeTruthy();
    }
  });
});
