// Every row the demo generator writes follows docs/data-formats.md: columns, value spellings, date
// formats and the checks listed there (date order, level 2 after level 1, resolved_at exactly when
// resolved or rejected, due ≥ received, known units and procedures, unique keys), and the Decision 766
// columns agree with the others (fees, online levels, supplements, electronic results, petitions).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/pipeline/generate/index.ts';
import { buildUniverse } from '../../data/pipeline/generate/universe.ts';
import { readCsv } from '../helpers/csv.ts';

// IOC_GENERATOR_CHECK_DIR=<folder> checks an existing output folder (e.g. a full run) instead of a fresh short one.
const EXISTING = process.env.IOC_GENERATOR_CHECK_DIR;
const DIR = EXISTING ?? join('tests', '.tmp', 'generator-format');
let END = '2022-06-30';
type Row = Record<string, string>;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TS = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/;
const BOOL = /^(0|1|true|false)$/;
const header = (file: string) => readFileSync(join(DIR, file), 'utf8').split('\n')[0].split(',');
const DATES = [
  'birth_date',
  'chip_card_issued_on',
  'vneid_requested_on',
  'vneid_level1_on',
  'vneid_level2_on',
  'moved_in_on',
  'moved_out_on',
  'died_on',
  'completed_on',
];
const FLAGS = [
  'eid_authenticated',
  'population_data_reused',
  'result_digitised',
  'paid_online',
  'processed_online',
  'applicant_had_eid',
  'eid_enrolled_on_site',
];
const FLAGS_766 = [
  'result_electronic',
  'components_digitised',
  'reused_digitised',
  'from_data_store',
  'result_to_data_store',
  'synced_portal',
];
const optDate = (v: string) => v === '' || (DATE.test(v) && !Number.isNaN(Date.parse(v)));

interface Unit {
  unit_id: string;
  code: string;
  name: string;
  name_en: string;
  level: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  area_km2: number | null;
  is_base: boolean;
}
let units: { properties: Unit; geometry: { type: string } | null }[];
let procedures: Row[];
let people: Row[];
let dossiers: Row[];
let petitions: Row[];

beforeAll(async () => {
  if (EXISTING) END = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')).data_date;
  else {
    rmSync(DIR, { recursive: true, force: true });
    await generateDemo({ outDir: DIR, seed: 5, end: END });
  }
  units = JSON.parse(readFileSync(join(DIR, 'units.geojson'), 'utf8')).features;
  procedures = readCsv(join(DIR, 'procedures.csv'));
  people = readCsv(join(DIR, 'people.csv'));
  dossiers = readCsv(join(DIR, 'dossiers.csv'));
  petitions = readCsv(join(DIR, 'petitions.csv'));
});

afterAll(() => {
  if (!EXISTING) rmSync(DIR, { recursive: true, force: true });
});

describe('units and lineage', () => {
  it('units: required columns, levels, parents, validity, geometry', () => {
    const ids = new Set(units.map((u) => u.properties.unit_id));
    expect(ids.size).toBe(units.length);
    for (const { properties: u, geometry } of units) {
      expect(u.code).toMatch(/^\d+$/);
      expect(u.unit_id === u.code || u.unit_id.startsWith(`${u.code}@`)).toBe(true);
      expect(['province', 'district', 'commune']).toContain(u.level);
      expect(u.name).toMatch(/^(Tỉnh|Thành phố|Huyện|Thị xã|Thị trấn|Xã|Phường) /);
      expect(u.name_en).toMatch(/^[\x20-\x7e]+$/);
      if (u.level !== 'province') expect(ids.has(u.parent_id!)).toBe(true);
      expect(optDate(u.valid_from) && u.valid_from !== '').toBe(true);
      if (u.valid_to) expect(u.valid_to >= u.valid_from).toBe(true);
      if (u.area_km2 !== null) expect(u.area_km2).toBeGreaterThan(0);
      if (geometry) expect(['Polygon', 'MultiPolygon']).toContain(geometry.type);
    }
    const base = units.filter((u) => u.properties.is_base).map((u) => u.properties);
    expect(base.filter((u) => u.level === 'commune')).toHaveLength(19);
    expect(base.filter((u) => u.level === 'district').map((u) => u.unit_id)).toEqual(['291']);
    expect(units.filter((u) => u.properties.unit_id.endsWith('@2025-01'))).toHaveLength(15);
    expect(
      units.filter((u) => u.properties.unit_id.endsWith('@2025-07') && u.properties.level === 'commune'),
    ).toHaveLength(5);
  });

  it('lineage: known units, kinds, shares; every base commune reaches a 2025-07 commune', () => {
    const lineage = readCsv(join(DIR, 'lineage.csv'));
    expect(header('lineage.csv')).toEqual(['from_unit_id', 'to_unit_id', 'effective_on', 'kind', 'share']);
    const ids = new Set(units.map((u) => u.properties.unit_id));
    for (const l of lineage) {
      expect(ids.has(l.from_unit_id) && ids.has(l.to_unit_id)).toBe(true);
      expect(['kept', 'merged', 'split', 'transferred']).toContain(l.kind);
      expect(Number(l.share)).toBeGreaterThan(0);
      expect(Number(l.share)).toBeLessThanOrEqual(1);
      expect(DATE.test(l.effective_on)).toBe(true);
    }
    const next = (id: string) => lineage.filter((l) => l.from_unit_id === id).map((l) => l.to_unit_id);
    for (const u of units.filter((x) => x.properties.is_base && x.properties.level === 'commune')) {
      const later = next(u.properties.unit_id).flatMap(next);
      expect(later, u.properties.name).toHaveLength(1);
      expect(later[0]).toMatch(/@2025-07$/);
    }
    expect(next('10639@2025-01')).toEqual(['10645@2025-07']); // Cộng Hòa, whole into An Phú
  });

  it('hai-duong universe: 265 base communes in 12 districts, census total 1,892,254', () => {
    const u = buildUniverse('hai-duong', 1);
    expect(u.communes).toHaveLength(265);
    expect(u.districts).toHaveLength(12);
    expect(u.communes.reduce((s, c) => s + c.popUrban + c.popRural, 0)).toBe(1_892_254);
    expect(new Set(u.units.map((x) => x.unit_id)).size).toBe(u.units.length);
  });
});

describe('catalogue, targets, milestones', () => {
  it('procedures: fields, levels, booleans, dates, bundles of three steps', () => {
    expect(header('procedures.csv')).toEqual([
      'procedure_code',
      'name',
      'name_en',
      'field',
      'level',
      'due_days',
      'population_management',
      'essential_service',
      'full_online_eligible',
      'full_online_since',
      'population_data_since',
      'standardised_since',
      'simplified_since',
      'bundle',
      'bundle_step',
      'online_level',
      'paper_result',
      'has_fees',
      'payment_integrated',
      'citizen_applicants',
      'announced_on',
      'legal_effective_on',
      'published_on',
      'all_parts_published',
    ]);
    expect(procedures.length).toBeGreaterThanOrEqual(30);
    expect(new Set(procedures.map((p) => p.procedure_code)).size).toBe(procedures.length);
    for (const p of procedures) {
      expect([
        'civil_status',
        'residence',
        'certification',
        'social_protection',
        'land',
        'health_insurance',
        'other',
      ]).toContain(p.field);
      expect(['commune', 'district']).toContain(p.level);
      expect(Number(p.due_days)).toBeGreaterThan(0);
      expect(BOOL.test(p.population_management) && BOOL.test(p.full_online_eligible)).toBe(true);
      expect(['', 'civil_status', 'social_insurance', 'education', 'health', 'land', 'labour']).toContain(
        p.essential_service,
      );
      for (const k of ['full_online_since', 'population_data_since', 'standardised_since', 'simplified_since']) {
        expect(optDate(p[k])).toBe(true);
        expect(p[k] <= END).toBe(true); // nothing known after the data date
      }
      if (p.full_online_since) expect(p.full_online_eligible).toBe('true');
      if (['civil_status', 'residence'].includes(p.field)) expect(p.population_management).toBe('true');
      expect(['none', 'partial', 'full']).toContain(p.online_level);
      expect(p.online_level === 'full').toBe(p.full_online_since !== '');
      for (const k of ['paper_result', 'has_fees', 'payment_integrated', 'citizen_applicants'])
        expect(p[k], k).toMatch(/^(true|false)$/);
      if (p.payment_integrated === 'true') expect(p.has_fees === 'true' && p.online_level !== 'none').toBe(true);
      for (const k of ['announced_on', 'legal_effective_on', 'published_on']) expect(optDate(p[k]), k).toBe(true);
      expect(p.announced_on <= END && p.published_on <= END).toBe(true);
      expect(p.legal_effective_on === '').toBe(p.announced_on === '');
      if (p.published_on) expect(p.published_on >= p.announced_on && p.announced_on !== '').toBe(true);
      expect(p.all_parts_published === '').toBe(p.published_on === '');
      expect(['', 'true', 'false']).toContain(p.all_parts_published);
      expect(['', 'birth', 'death']).toContain(p.bundle);
      expect(p.bundle === '' ? p.bundle_step === '' : ['1', '2', '3'].includes(p.bundle_step)).toBe(true);
    }
    for (const b of ['birth', 'death'])
      expect(
        procedures
          .filter((p) => p.bundle === b)
          .map((p) => p.bundle_step)
          .sort(),
      ).toEqual(['1', '2', '3']);
  });

  it('targets.csv is the reference file, milestones name done-targets and base units', () => {
    expect(readFileSync(join(DIR, 'targets.csv'), 'utf8')).toBe(
      readFileSync(join('data', 'reference', 'targets.csv'), 'utf8'),
    );
    const done = new Set(
      readCsv(join(DIR, 'targets.csv'))
        .filter((t) => t.comparator === 'done')
        .map((t) => t.id),
    );
    const base = new Set(units.filter((u) => u.properties.is_base).map((u) => u.properties.unit_id));
    const milestones = readCsv(join(DIR, 'milestones.csv'));
    expect(milestones.length).toBeGreaterThan(0);
    for (const m of milestones) {
      expect(done.has(m.target_id) && base.has(m.unit_id)).toBe(true);
      expect(DATE.test(m.achieved_on) && m.achieved_on <= END).toBe(true);
    }
  });
});

describe('people.csv', () => {
  it('has the documented columns and no identity', () => {
    expect(header('people.csv')).toEqual([
      'person_key',
      'unit_id',
      'sex',
      'birth_date',
      'residence_type',
      'has_personal_id',
      'chip_card_issued_on',
      'vneid_requested_on',
      'vneid_level1_on',
      'vneid_level2_on',
      'moved_in_on',
      'moved_out_on',
      'died_on',
      'missing_fields',
      'completed_on',
    ]);
  });

  it('every row passes the checks', () => {
    const base = new Set(
      units.filter((u) => u.properties.is_base && u.properties.level === 'commune').map((u) => u.properties.unit_id),
    );
    const keys = new Set<string>();
    const bad: string[] = [];
    const check = (ok: unknown, what: string, p: Row) => {
      if (!ok && bad.length < 20) bad.push(`${what}: ${JSON.stringify(p)}`);
    };
    for (const p of people) {
      check(/^[0-9a-f]{16}$/.test(p.person_key), 'person_key', p);
      keys.add(p.person_key);
      check(base.has(p.unit_id), 'unit_id', p);
      check(p.sex === 'M' || p.sex === 'F', 'sex', p);
      check(p.residence_type === 'permanent' || p.residence_type === 'temporary', 'residence_type', p);
      check(BOOL.test(p.has_personal_id), 'has_personal_id', p);
      check(p.birth_date !== '', 'birth_date', p);
      for (const k of DATES) {
        check(optDate(p[k]), k, p);
        if (p[k]) check(p[k] >= p.birth_date && p[k] <= END, `${k} between birth and data date`, p);
      }
      if (p.moved_in_on) {
        check(p.moved_in_on > p.birth_date, 'moved in on the birth day (reads as a birth)', p);
        for (const k of ['moved_out_on', 'died_on']) if (p[k]) check(p[k] >= p.moved_in_on, `${k} ≥ moved_in_on`, p);
      }
      check(!(p.moved_out_on && p.died_on), 'moved out and died', p);
      if (p.vneid_level2_on)
        check(p.vneid_level1_on !== '' && p.vneid_level2_on >= p.vneid_level1_on, 'level 2 ≥ level 1', p);
      if (p.vneid_level1_on && p.vneid_requested_on) {
        check(p.vneid_level1_on >= p.vneid_requested_on, 'level 1 ≥ request', p);
      }
      // no request on record: an account opened at level 2 (level 1 the same day), as the import format allows
      if (p.vneid_level1_on && !p.vneid_requested_on) {
        check(p.vneid_level2_on === p.vneid_level1_on, 'level 1 without request', p);
      }
      if (p.completed_on) check(p.missing_fields === '', 'completed but fields still missing', p);
      check(/^([a-z_]+(;[a-z_]+)*)?$/.test(p.missing_fields), 'missing_fields', p);
    }
    expect(bad).toEqual([]);
    expect(keys.size).toBe(people.length);
  });
});

describe('dossiers.csv', () => {
  it('has the documented columns', () => {
    expect(header('dossiers.csv')).toEqual([
      'dossier_id',
      'procedure_code',
      'unit_id',
      'received_at',
      'due_at',
      'resolved_at',
      'channel',
      'status',
      'eid_authenticated',
      'population_data_reused',
      'result_digitised',
      'paid_online',
      'processed_online',
      'applicant_had_eid',
      'eid_enrolled_on_site',
      'satisfaction',
      'bundle_ref',
      'result_electronic',
      'components_digitised',
      'reused_digitised',
      'from_data_store',
      'result_to_data_store',
      'supplement_count',
      'supplement_days',
      'fee_amount',
      'synced_portal',
    ]);
  });

  it('every row passes the checks', () => {
    const level = new Map(procedures.map((p) => [p.procedure_code, p.level]));
    const unitLevel = new Map(
      units.filter((u) => u.properties.is_base).map((u) => [u.properties.unit_id, u.properties.level]),
    );
    const ids = new Set<string>();
    const bad: string[] = [];
    const check = (ok: unknown, what: string, d: Row) => {
      if (!ok && bad.length < 20) bad.push(`${what}: ${JSON.stringify(d)}`);
    };
    for (const d of dossiers) {
      ids.add(d.dossier_id);
      check(
        level.get(d.procedure_code) !== undefined && level.get(d.procedure_code) === unitLevel.get(d.unit_id),
        'procedure level = unit level',
        d,
      );
      check(TS.test(d.received_at) && TS.test(d.due_at), 'timestamps', d);
      check(d.due_at >= d.received_at, 'due ≥ received', d);
      check(d.received_at.slice(0, 10) <= END, 'received by the data date', d);
      const weekday = new Date(`${d.received_at.slice(0, 10)}T00:00:00Z`).getUTCDay();
      const hhmm = d.received_at.slice(11);
      check(weekday >= 1 && weekday <= 6 && hhmm >= '07:30' && hhmm <= '17:00', 'office hours', d);
      check(['online', 'counter', 'post'].includes(d.channel), 'channel', d);
      check(
        ['received', 'processing', 'supplement', 'resolved', 'rejected', 'withdrawn'].includes(d.status),
        'status',
        d,
      );
      check(
        (d.resolved_at !== '') === (d.status === 'resolved' || d.status === 'rejected'),
        'resolved_at exactly when resolved or rejected',
        d,
      );
      if (d.resolved_at) check(TS.test(d.resolved_at) && d.resolved_at >= d.received_at, 'resolved ≥ received', d);
      for (const k of FLAGS) check(BOOL.test(d[k]), k, d);
      if (d.eid_authenticated === '1')
        check(d.applicant_had_eid === '1' || d.eid_enrolled_on_site === '1', 'authenticated without e-ID', d);
      if (d.eid_enrolled_on_site === '1') check(d.applicant_had_eid === '0', 'enrolled although it had an e-ID', d);
      check(/^[1-5]?$/.test(d.satisfaction), 'satisfaction', d);
    }
    expect(bad).toEqual([]);
    expect(ids.size).toBe(dossiers.length);
  });

  it('the Decision 766 columns agree with the others and with the catalogue', () => {
    const proc = new Map(procedures.map((p) => [p.procedure_code, p]));
    const minutes = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}:00Z`) / 60_000;
    const bad: string[] = [];
    const check = (ok: unknown, what: string, d: Row) => {
      if (!ok && bad.length < 20) bad.push(`${what}: ${JSON.stringify(d)}`);
    };
    for (const d of dossiers) {
      const p = proc.get(d.procedure_code)!;
      for (const k of FLAGS_766) check(BOOL.test(d[k]), k, d);
      check(/^\d+$/.test(d.supplement_count) && /^\d+(\.\d)?$/.test(d.supplement_days), 'supplement format', d);
      check(d.supplement_count !== '0' || d.supplement_days === '0', 'days without a request', d);
      if (d.status === 'supplement') check(d.supplement_count !== '0', 'waiting without a request', d);
      if (d.resolved_at && d.supplement_count !== '0')
        check(Number(d.supplement_days) * 1440 <= minutes(d.resolved_at) - minutes(d.received_at) + 1, 'wait', d);
      check(/^\d+(\.\d+)?$/.test(d.fee_amount), 'fee_amount', d);
      if (p.has_fees === 'false') check(d.fee_amount === '0', 'fee of a procedure without fees', d);
      if (d.paid_online === '1')
        check(d.fee_amount !== '0' && p.payment_integrated === 'true', 'paid online without fee or payment', d);
      if (d.channel === 'online') check(p.online_level !== 'none', 'online without an online service', d);
      if (d.channel === 'online') check(d.components_digitised === '1', 'online dossier not digitised', d);
      if (d.result_electronic === '1') check(d.status === 'resolved', 'electronic result of an unresolved one', d);
      if (d.result_to_data_store === '1') check(d.result_electronic === '1', 'result to the store without one', d);
      if (d.from_data_store === '1') check(d.channel === 'online', 'data store at the counter', d);
    }
    expect(bad).toEqual([]);
    const share = (f: (d: Row) => boolean, of: Row[]) => of.filter(f).length / of.length;
    expect(share((d) => d.supplement_count === '0', dossiers)).toBeGreaterThan(0.85);
    expect(share((d) => d.supplement_count === '2', dossiers)).toBeGreaterThan(0);
    expect(share((d) => d.synced_portal === '1', dossiers)).toBeGreaterThan(0.6);
    const feeBearing = dossiers.filter((d) => proc.get(d.procedure_code)!.has_fees === 'true');
    expect(share((d) => d.fee_amount === '0', feeBearing)).toBeGreaterThan(0);
    expect(share((d) => d.fee_amount === '0', feeBearing)).toBeLessThan(0.3);
  });

  it('a bundle is three dossiers of one unit: steps 1, 2, 3 of one bundle kind', () => {
    const proc = new Map(procedures.map((p) => [p.procedure_code, p]));
    const groups = new Map<string, Row[]>();
    for (const d of dossiers) if (d.bundle_ref) groups.set(d.bundle_ref, [...(groups.get(d.bundle_ref) ?? []), d]);
    expect(groups.size).toBeGreaterThan(0);
    for (const [ref, ds] of groups) {
      expect(ds.map((d) => proc.get(d.procedure_code)!.bundle_step).sort(), ref).toEqual(['1', '2', '3']);
      expect(new Set(ds.map((d) => proc.get(d.procedure_code)!.bundle)).size, ref).toBe(1);
      expect(new Set(ds.map((d) => d.unit_id)).size, ref).toBe(1);
    }
  });
});

describe('petitions.csv', () => {
  it('has the documented columns', () => {
    expect(header('petitions.csv')).toEqual([
      'petition_id',
      'unit_id',
      'received_at',
      'kind',
      'procedure_code',
      'dossier_id',
      'handled_at',
      'outcome',
      'disliked',
      'repeated',
    ]);
  });

  it('every row passes the checks; some open, some linked to dossiers, a few a month in a commune', () => {
    const base = new Set(units.filter((u) => u.properties.is_base).map((u) => u.properties.unit_id));
    const codes = new Set(procedures.map((p) => p.procedure_code));
    const byId = new Map(dossiers.map((d) => [d.dossier_id, d]));
    const ids = new Set<string>();
    const bad: string[] = [];
    const check = (ok: unknown, what: string, p: Row) => {
      if (!ok && bad.length < 20) bad.push(`${what}: ${JSON.stringify(p)}`);
    };
    for (const p of petitions) {
      ids.add(p.petition_id);
      check(/^PA\d+-\d{6}-\d{4}$/.test(p.petition_id), 'petition_id', p);
      check(base.has(p.unit_id), 'unit_id', p);
      check(TS.test(p.received_at) && p.received_at.slice(0, 10) <= END, 'received_at', p);
      check(p.kind === 'procedure' || p.kind === 'staff', 'kind', p);
      if (p.kind === 'procedure') check(codes.has(p.procedure_code), 'procedure_code', p);
      else check(p.procedure_code === '' || codes.has(p.procedure_code), 'procedure_code', p);
      if (p.dossier_id) {
        const d = byId.get(p.dossier_id);
        check(d && d.unit_id === p.unit_id && d.procedure_code === p.procedure_code, 'dossier', p);
        check(d && d.received_at <= p.received_at, 'petition before its dossier', p);
      }
      check((p.handled_at === '') === (p.outcome === ''), 'outcome exactly when handled', p);
      check(['', 'answered', 'refused', 'supplement', 'published'].includes(p.outcome), 'outcome', p);
      if (p.handled_at) {
        check(TS.test(p.handled_at) && p.handled_at > p.received_at && p.handled_at.slice(0, 10) <= END, 'handled', p);
        const weekday = new Date(`${p.handled_at.slice(0, 10)}T00:00:00Z`).getUTCDay();
        const hhmm = p.handled_at.slice(11);
        check(weekday >= 1 && weekday <= 5 && hhmm >= '07:30' && hhmm <= '17:00', 'handled in office hours', p);
      } else check(p.disliked === 'false' && p.repeated === 'false', 'open but rated', p);
      check(BOOL.test(p.disliked) && BOOL.test(p.repeated), 'flags', p);
    }
    expect(bad).toEqual([]);
    expect(ids.size).toBe(petitions.length);
    expect(petitions.some((p) => p.dossier_id !== '')).toBe(true);
    expect(petitions.some((p) => p.kind === 'staff')).toBe(true);
    // a few a month in a commune of 5,000–12,000 people
    const months = new Set(dossiers.map((d) => d.received_at.slice(0, 7))).size;
    const communes = petitions.filter((p) => p.unit_id !== '291').length / 19 / months;
    expect(communes).toBeGreaterThan(0.5);
    expect(communes).toBeLessThan(8);
  });
});
