// What the Decision 766 index needs to know about each demo procedure: its online service level, paper
// result, fees and online payment, citizen applicants, and its announcement history (the decision date,
// the legal basis's effective date, publication on the national procedure database, all seven parts).
// The catalogue is the same for every seed: its draws come from a fixed stream, not from the seed.
import { dateStr, isWorkDay, parseDate } from './calendar.ts';
import { Rng } from './prng.ts';

/** Residence procedures update the residence database and notify the applicant: no paper result (Law 68/2020). */
export function issuesPaperResult(field: string): boolean {
  return field !== 'residence';
}

/** Procedures whose applicants are not (only) citizens: household businesses and the office's translators. */
const NOT_CITIZENS = new Set(['KD-01', 'CC-22']);
export const citizenApplicants = (code: string) => !NOT_CITIZENS.has(code);

/** Fee of one dossier, VND (demo amounts of the usual order, not the province's fee schedule). */
export const FEES: Record<string, number> = {
  'HT-04': 8_000,
  'HT-05': 15_000,
  'HT-07': 15_000,
  'CT-01': 20_000,
  'CT-02': 15_000,
  'CT-05': 15_000,
  'CC-01': 4_000,
  'CC-02': 10_000,
  'CC-03': 50_000,
  'DD-01': 30_000,
  'DD-02': 100_000,
  'DD-03': 50_000,
  'DD-04': 100_000,
  'DD-05': 50_000,
  'DD-06': 80_000,
  'KD-01': 100_000,
  'XD-01': 75_000,
  'HT-22': 1_000_000,
  'HT-24': 28_000,
  'CC-22': 10_000,
};

export type OnlineLevel = 'none' | 'partial' | 'full';

/** Full once fully online (on the data date), none where applicants cannot file online at all, else partial. */
export function onlineLevel(online: number, fullOnlineSince: string | null, dataDate: string): OnlineLevel {
  if (fullOnlineSince !== null && fullOnlineSince <= dataDate) return 'full';
  return online > 0 ? 'partial' : 'none';
}

/** One announcement decision of a procedure (decimal day numbers). */
export interface Announcement {
  announced: number;
  effective: number;
  published: number;
  allParts: boolean;
}

/** The working day n working days after (n > 0) or before (n < 0) `day` (`day` itself need not be one). */
export function shiftWorkDays(day: number, n: number): number {
  let d = day;
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0;) {
    d += step;
    if (isWorkDay(d)) left--;
  }
  return d;
}

/** Announcement knobs: share of decisions on time (≥ 5 working days before the legal basis takes effect), etc. */
export const ANNOUNCEMENT = {
  onTime: 0.8,
  /** After the 2025-07-01 merger every procedure was announced again by the new city: fewer on time. */
  mergerOnTime: 0.55,
  publishedWithin5: 0.85,
  allParts: 0.9,
};
const MERGER = parseDate('2025-07-01');
const LAST = parseDate('2027-12-31');

function announce(rng: Rng, effective: number, onTime: number): Announcement {
  const lead = rng.chance(onTime) ? 5 + rng.int(21) : -15 + rng.int(20); // working days before the effective date
  const announced = shiftWorkDays(effective, -lead);
  const published = shiftWorkDays(announced, rng.chance(ANNOUNCEMENT.publishedWithin5) ? rng.int(6) : 6 + rng.int(20));
  return { announced, effective, published, allParts: rng.chance(ANNOUNCEMENT.allParts) };
}

/** A procedure's decisions over 2021–2027: a first in 2021–2022, then one every 10–30 months, and the merger. */
export function announcements(code: string): Announcement[] {
  const rng = new Rng(766, 'announcements', code);
  const out: Announcement[] = [];
  let [y, m] = [2021, 7 + rng.int(12)];
  for (;;) {
    y += Math.floor((m - 1) / 12);
    m = ((m - 1) % 12) + 1;
    const effective = parseDate(`${y}-${m < 10 ? '0' : ''}${m}-${rng.chance(0.5) ? '01' : '15'}`);
    if (effective > LAST) break;
    if (out.length > 0 && out[out.length - 1].effective < MERGER && effective >= MERGER)
      out.push(announce(rng, MERGER, ANNOUNCEMENT.mergerOnTime));
    if (effective !== MERGER) out.push(announce(rng, effective, ANNOUNCEMENT.onTime));
    m += 10 + rng.int(21);
  }
  return out;
}

/** announced_on, legal_effective_on, published_on, all_parts_published as known on the data date. */
export function announcementColumns(code: string, dataDate: string): (string | boolean | null)[] {
  const end = parseDate(dataDate);
  const known = announcements(code)
    .filter((a) => a.announced <= end)
    .sort((x, y) => x.announced - y.announced);
  const a = known[known.length - 1];
  if (!a) return [null, null, null, null];
  const published = a.published <= end;
  return [
    dateStr(a.announced),
    dateStr(a.effective),
    published ? dateStr(a.published) : null,
    published ? a.allParts : null,
  ];
}
