// What a population record says about one person besides birth and moves: personal ID, chip card,
// VNeID request and levels, missing mandatory fields. Dates after the person left (or after the
// data date) are unknown to the commune and left empty.
import { addYears, dayOf, decimalYear, parseDate } from './calendar.ts';
import type { CommuneParams } from './maturity.ts';
import type { Rng } from './prng.ts';

export type Arrival = 'initial' | 'birth' | 'in';

export interface PersonDates {
  hasPersonalId: boolean;
  card: number | null;
  requested: number | null;
  level1: number | null;
  level2: number | null;
  missing: string; // fields still missing on the data date (or when the person left)
  completed: number | null; // the day the missing fields were completed
}

/** Mandatory fields of a population record that can be missing (our demo codes). */
export const RECORD_FIELDS = [
  'place_of_birth',
  'hometown',
  'ethnicity',
  'religion',
  'blood_type',
  'father_id',
  'mother_id',
  'household_relation',
];

const CARD_CAMPAIGN_START = dayOf(2021, 1, 1);
/** Chip-card issuance in 2021 by month: the big campaign ran from March to June (assumption). */
const CAMPAIGN_MONTH_WEIGHTS = [3, 4, 12, 16, 16, 14, 8, 6, 6, 6, 5, 4];
const campaignCum = CAMPAIGN_MONTH_WEIGHTS.reduce<number[]>((acc, w) => [...acc, (acc.at(-1) ?? 0) + w], []);
const VNEID_LAUNCH = dayOf(2021, 7, 1);
const DEADLINE_2022 = parseDate('2022-12-31');
/**
 * Share of level-2 accounts with no request on record (assumption; champions: none): opened at the chip-card counter,
 * level 1 and 2 on the same day. The import format allows it, and C01 must not count them as requests resolved.
 */
const UNREQUESTED_LEVEL2 = 0.02;
const dayOfDecimalYear = (y: number) => Math.floor((y - 1970) * 365.2425);

/** The share of the commune's VNeID ceiling reached by an age (at 2024): the oldest adopt least. */
function vneidAgeFactor(ageIn2024: number): number {
  if (ageIn2024 < 60) return 1;
  if (ageIn2024 < 70) return 0.85;
  if (ageIn2024 < 80) return 0.6;
  return 0.3;
}

export interface PersonContext {
  rng: Rng;
  params: CommuneParams;
  start: number;
  lastKnown: number; // last day the commune knows about this person (departure − 1 or data date)
}

function campaignDate(rng: Rng, from: number, start: number): number {
  if (from >= start) return start - 1;
  const u = rng.next() * campaignCum[11];
  const month = campaignCum.findIndex((c) => c > u);
  const day = dayOf(2021, month + 1, 1) + rng.int(28);
  return day >= from && day < start ? day : from + rng.int(start - from);
}

function chipCard(ctx: PersonContext, birth: number, arrival: Arrival, presentFrom: number): number | null {
  const { rng, params: p, start } = ctx;
  const d14 = addYears(birth, 14);
  const oldFactor = birth < dayOf(1942, 1, 1) ? 3 : 1;
  if (arrival === 'initial' && d14 < start) {
    const u = rng.next();
    if (u < p.cardBeforeStart) return campaignDate(rng, Math.max(d14, CARD_CAMPAIGN_START), start);
    if (u > 1 - p.cardNever * oldFactor) return null;
    if (p.champion && start <= DEADLINE_2022) return start + rng.int(DEADLINE_2022 - start + 1);
    return start + Math.floor(rng.exp(p.cardCatchUpDays));
  }
  if (arrival === 'in' && d14 < presentFrom) {
    if (p.champion || rng.chance(0.985)) {
      const from = Math.max(d14, CARD_CAMPAIGN_START);
      return from < presentFrom ? from + rng.int(presentFrom - from) : presentFrom;
    }
    return presentFrom + Math.floor(rng.exp(p.cardCatchUpDays / 2));
  }
  if (rng.chance(p.cardNever / 2)) return null;
  const card = d14 + Math.floor(rng.exp(p.teenCardDays));
  return p.champion && d14 <= DEADLINE_2022 ? Math.min(card, DEADLINE_2022) : card;
}

function vneid(ctx: PersonContext, birth: number, card: number | null): [number | null, number | null, number | null] {
  const { rng, params: p } = ctx;
  const cap = p.vneidCap * vneidAgeFactor(decimalYear(dayOf(2024, 1, 1)) - decimalYear(birth));
  const u = rng.next();
  if (u >= cap) return [null, null, null];
  let requested = dayOfDecimalYear(p.vneidMid + p.vneidSpread * Math.log(u / (cap - u)));
  if (requested < VNEID_LAUNCH) requested = VNEID_LAUNCH + rng.int(183);
  requested = Math.max(requested, addYears(birth, 14));
  if (rng.chance(p.vneidUnresolved)) return [requested, null, null];
  const level1 = requested + (p.champion || rng.chance(0.6) ? 0 : Math.floor(rng.exp(4)));
  // level 2 needs the chip card; champions grant it on the spot to every requester with a card
  const draw = card !== null && !p.champion ? rng.next() : 1;
  const level2 =
    card !== null && (p.champion || draw < p.vneidLevel2)
      ? Math.max(level1, card) + (p.champion ? 0 : Math.floor(rng.exp(8)))
      : null;
  // The lowest share of the level-2 draw also leaves the request off the record: no draw of its own, which would
  // shift every later draw of the commune (and so all the demo data).
  if (level2 !== null && draw < p.vneidLevel2 * UNREQUESTED_LEVEL2) return [null, level2, level2];
  return [requested, level1, level2];
}

function missingFields(ctx: PersonContext, arrival: Arrival, presentFrom: number): [string, number | null] {
  const { rng, params: p, start } = ctx;
  const share =
    arrival === 'initial'
      ? p.incomplete
      : p.champion
        ? 0
        : arrival === 'birth'
          ? 0.03 * (1 - p.maturity)
          : 0.01 + 0.04 * (1 - p.maturity);
  if (!rng.chance(share)) return ['', null];
  const a = RECORD_FIELDS[rng.int(RECORD_FIELDS.length)];
  let fields = a;
  if (rng.chance(0.3)) {
    const b = RECORD_FIELDS[rng.int(RECORD_FIELDS.length)];
    if (b !== a) fields = RECORD_FIELDS.filter((f) => f === a || f === b).join(';');
  }
  if (arrival !== 'initial') return [fields, presentFrom + Math.floor(rng.exp(arrival === 'birth' ? 45 : 120))];
  if (rng.chance(p.incompleteResidual)) return [fields, null];
  if (p.champion && start <= DEADLINE_2022) return [fields, start + rng.int(DEADLINE_2022 - start + 1)];
  return [fields, start + Math.floor(rng.exp(p.completionDays))];
}

const known = (day: number | null, lastKnown: number) => (day !== null && day <= lastKnown ? day : null);

export function personDates(ctx: PersonContext, birth: number, arrival: Arrival, presentFrom: number): PersonDates {
  const { rng, params: p, lastKnown } = ctx;
  const hasPersonalId = arrival !== 'initial' || !rng.chance(p.noPersonalIdShare);
  // a chip card and an e-identity are issued on the personal identification number
  const card = hasPersonalId ? chipCard(ctx, birth, arrival, presentFrom) : null;
  const [requested, level1, level2] = hasPersonalId ? vneid(ctx, birth, card) : [null, null, null];
  const [fields, completion] = missingFields(ctx, arrival, presentFrom);
  // A completed record lists no missing field and says when it was completed; an incomplete one lists them.
  const completed = known(completion, lastKnown);
  const l1 = known(level1, lastKnown);
  return {
    hasPersonalId,
    card: known(card, lastKnown),
    requested: known(requested, lastKnown),
    level1: l1,
    level2: l1 === null ? null : known(level2, lastKnown),
    missing: completed === null ? fields : '',
    completed,
  };
}
