// Which indicators each kind of import file can feed (server/registry/feeds.ts): computed from the statements of
// queries/ and the columns each kind writes. Checked here against what each indicator's header says it counts (read
// by hand, not from the SQL), against docs/data-formats.md, and in the catalogue's metadata and the web's sentence.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIND_ORDER } from '../../data/pipeline/import/columns.ts';
import { feedsOf, feedsTable, readsOf, sourcesOf, tablesOf } from '../../server/registry/feeds.ts';
import { loadRegistry } from '../../server/registry/index.ts';
import { indicatorMeta } from '../../server/routes/indicators.ts';
import { sourcesText } from '../../web/src/components/IndicatorSources.tsx';
import { makeI18n } from '../../web/src/i18n/index.ts';

const registry = await loadRegistry('queries');
const ids = (domain: string) =>
  registry
    .list()
    .filter((d) => d.domain === domain)
    .map((d) => d.id);

describe('the kinds of file that feed each indicator', () => {
  it('follow what each indicator counts', () => {
    const sources = Object.fromEntries(registry.list().map((d) => [d.id, sourcesOf(d)]));
    // counts of residents only: person records or a population table
    for (const id of ['population', 'births', 'deaths', 'moves_in', 'moves_out', 'net_migration', 'sex_ratio']) {
      expect(sources[id], id).toEqual(['people', 'population_counts']);
    }
    for (const id of ['dependency_ratio', 'ageing_index', 'pct_citizens_with_personal_id', 'pct_records_complete']) {
      expect(sources[id], id).toEqual(['people', 'population_counts']);
    }
    // identity counts over card-age residents or requests: an identity table too
    for (const id of [
      'pct_eligible_with_chip_id_card',
      'pct_vneid_level1',
      'pct_vneid_level2',
      'count_vneid_accounts',
      'pct_eid_requests_resolved',
    ]) {
      expect(sources[id], id).toEqual(['people', 'population_counts', 'identity_counts']);
    }
    // residents per km²: the population, or the unit's area
    expect(sources.population_density).toEqual(['units', 'people', 'population_counts']);
    for (const id of ids('procedures')) expect(sources[id], id).toEqual(['dossiers']);
    for (const id of ids('catalogue')) expect(sources[id], id).toEqual(['procedures']);
    for (const id of ids('milestones')) expect(sources[id], id).toEqual(['milestones']);
    expect(registry.list().filter((d) => sources[d.id].length === 0)).toEqual([]);
  });

  it("targets, lineage, the portal's points, offices and tasks feed no indicator; every other kind feeds some", () => {
    expect(feedsOf(registry, 'targets')).toEqual([]);
    expect(feedsOf(registry, 'lineage')).toEqual([]);
    // the portal's Decision 766 points are shown beside the local ones (/api/index766), never an indicator's input
    expect(feedsOf(registry, 'portal_scores')).toEqual([]);
    expect(feedsOf(registry, 'no_such_kind')).toEqual([]);
    // the plan's offices and tasks are direction, not figures (issue 21)
    expect(feedsOf(registry, 'offices')).toEqual([]);
    expect(feedsOf(registry, 'tasks')).toEqual([]);
    const none = ['targets', 'lineage', 'portal_scores', 'offices', 'tasks'];
    for (const k of KIND_ORDER.filter((x) => !none.includes(x))) {
      expect(feedsOf(registry, k).length, k).toBeGreaterThan(0);
    }
    expect(feedsOf(registry, 'people')).toEqual(ids('population'));
    // dossiers: the procedures domain, and the Decision 766 ratios counted in service_month
    const service = registry
      .list()
      .filter((d) => d.domain === 'procedures' || tablesOf(d).has('service_month'))
      .map((d) => d.id);
    expect(feedsOf(registry, 'dossiers')).toEqual(service);
    // petitions: the ratios of petitions, and 5.4 (a finished dossier a petition names is a complained one)
    expect(feedsOf(registry, 'petitions')).toEqual(
      registry
        .list()
        .filter((d) => tablesOf(d).has('petitions') || /\bfinished_complained\b/.test(d.sql))
        .map((d) => d.id),
    );
    expect(feedsOf(registry, 'petitions', ['petition_id', 'unit_id', 'received_at', 'kind'])).not.toContain(
      'index766_5_4',
    );
  });

  it('a file feeds what its columns give', () => {
    expect(feedsOf(registry, 'population_counts', ['unit_id', 'month', 'sex', 'age_group', 'residence'])).toEqual([
      'ageing_index',
      'dependency_ratio',
      'population',
      'population_density',
      'sex_ratio',
    ]);
    expect(feedsOf(registry, 'population_counts', ['population', 'births', 'moves_in'])).toEqual([
      'ageing_index',
      'births',
      'dependency_ratio',
      'moves_in',
      'population',
      'population_density',
      'sex_ratio',
    ]);
    expect(feedsOf(registry, 'identity_counts', ['card_age', 'with_chip_card'])).toEqual([
      'pct_eligible_with_chip_id_card',
    ]);
    expect(feedsOf(registry, 'identity_counts', ['vneid_level1'])).toEqual(['count_vneid_accounts']);
    // a units file without areas feeds nothing; with them, the density
    expect(feedsOf(registry, 'units', ['unit_id', 'name'])).toEqual([]);
    expect(feedsOf(registry, 'units', ['area_km2'])).toEqual(['population_density']);
    expect(feedsOf(registry.list(), 'procedures', ['standardised_since'])).toEqual(['pct_forms_standardized']);
  });

  it('reads the facts of a statement, not its comments, filters or keys', () => {
    const def = registry.indicators.get('pct_eid_requests_resolved')!;
    expect(readsOf(def)).toEqual(['pop_month.vneid_requested', 'pop_month.vneid_requested_level2']);
    expect(readsOf(registry.indicators.get('pct_births_linked_flow')!)).toEqual([
      'dossier_month.received',
      'dossier_month.received_in_bundle',
    ]);
  });

  it('docs/data-formats.md shows the table feedsTable computes', () => {
    const doc = readFileSync('docs/data-formats.md', 'utf8');
    const m = /<!-- feeds-table:[^\n]*-->\n([\s\S]*?)\n<!-- \/feeds-table -->/.exec(doc);
    expect(m).not.toBeNull();
    expect(m![1]).toEqual(feedsTable(registry));
  });

  it('the catalogue gives each indicator its sources', () => {
    const meta = indicatorMeta(registry.indicators.get('pct_vneid_level2')!);
    expect(meta.sources).toEqual(['people', 'population_counts', 'identity_counts']);
    expect(meta.id).toBe('pct_vneid_level2');
  });

  it('the screens say it in Vietnamese first, English on the switch', () => {
    const sources = ['people', 'population_counts', 'identity_counts'];
    expect(sourcesText(makeI18n('vi'), sources)).toBe(
      'Nguồn dữ liệu có thể cung cấp: bản ghi nhân khẩu, bảng tổng hợp dân số, bảng tổng hợp định danh, CCCD, VNeID',
    );
    expect(sourcesText(makeI18n('en'), sources)).toBe(
      'Data sources that can feed it: person records, population tables, identity tables (ID cards, VNeID)',
    );
    expect(sourcesText(makeI18n('vi'), [])).toBe('Chưa có loại tệp nhập nào cung cấp được chỉ tiêu này.');
    expect(sourcesText(makeI18n('vi'), undefined)).toBeNull();
    for (const k of KIND_ORDER) {
      for (const lang of ['vi', 'en'] as const) {
        expect(sourcesText(makeI18n(lang), [k]), `${lang} ${k}`).not.toContain('sources.kind');
      }
    }
  });
});
