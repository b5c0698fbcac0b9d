// What population events do to the population cube (pop_month), as additive deltas: a flow in the
// month of the event (at the age then) and the stocks of every month from it to the cube's last
// (at the age at each month's end), the same rules load-people.ts builds the cube by. Each delta d of a count
// carries d × the event's record key to the count's cell key (cell-key.ts): no person is kept to know whose key
// a death takes away, so the event's own key stands for the person. Pure.
import type { PopulationEvent } from '../../../server/contracts/events.ts';
import { addKey } from '../cell-key.ts';
import { ageGroup, ageOn, monthEnd, type EventTime } from './time.ts';

export const POP_STOCKS = [
  'population',
  'with_personal_id',
  'card_age',
  'with_chip_card',
  'vneid_requested',
  'vneid_level1',
  'vneid_level2',
  'vneid_requested_level2',
  'incomplete_records',
] as const;
export const POP_FLOWS = ['births', 'deaths', 'moves_in', 'moves_out'] as const;
export const POP_MEASURES = [...POP_STOCKS, ...POP_FLOWS] as const;
const S = Object.fromEntries(POP_MEASURES.map((m, i) => [m, i])) as Record<(typeof POP_MEASURES)[number], number>;

/** One cube cell's change: unit × month index × sex × age group × residence, and a delta per measure. */
export interface PopDelta {
  unit: string;
  month: number;
  sex: string;
  age_group: number;
  residence: string;
  values: number[];
  /** the change of each measure's cell key, in [0, CELL_KEY_MODULUS) (add it modulo CELL_KEY_MODULUS) */
  keys: number[];
  /** indexes (in the batch) of the events that changed this cell, to name them when a stock goes negative */
  events: number[];
}

/** The person's state the event carries, with the documented defaults. */
function state(e: PopulationEvent) {
  return {
    pid: e.personal_id ?? true,
    chip: e.chip_card ?? false,
    level: e.vneid_level ?? 0,
    incomplete: e.incomplete_record ?? false,
  };
}

/** The stocks one person adds at a month's end, aged `age` then. */
function personStocks(s: ReturnType<typeof state>, age: number): number[] {
  const v = new Array<number>(POP_MEASURES.length).fill(0);
  v[S.population] = 1;
  v[S.with_personal_id] = s.pid ? 1 : 0;
  v[S.card_age] = age >= 14 ? 1 : 0;
  v[S.with_chip_card] = s.chip && age >= 14 ? 1 : 0;
  v[S.vneid_requested] = s.level >= 1 ? 1 : 0;
  v[S.vneid_level1] = s.level >= 1 ? 1 : 0;
  v[S.vneid_level2] = s.level === 2 ? 1 : 0;
  // an event's person with a VNeID level asked for it (vneid_requested above), so level 2 is also "asked and level 2"
  v[S.vneid_requested_level2] = s.level === 2 ? 1 : 0;
  v[S.incomplete_records] = s.incomplete ? 1 : 0;
  return v;
}

/** Accumulates deltas by cell. */
export class PopDeltas {
  private cells = new Map<string, PopDelta>();

  add(
    unit: string,
    month: number,
    sex: string,
    group: number,
    residence: string,
    values: number[],
    event: number,
    /** the event's record key */
    key: number,
  ): void {
    const id = `${unit}|${month}|${sex}|${group}|${residence}`;
    let cell = this.cells.get(id);
    if (!cell)
      this.cells.set(
        id,
        (cell = {
          unit,
          month,
          sex,
          age_group: group,
          residence,
          values: new Array<number>(POP_MEASURES.length).fill(0),
          keys: new Array<number>(POP_MEASURES.length).fill(0),
          events: [],
        }),
      );
    for (let i = 0; i < values.length; i++) {
      cell.values[i] += values[i];
      cell.keys[i] = addKey(cell.keys[i], values[i] * key);
    }
    if (cell.events.at(-1) !== event) cell.events.push(event);
  }

  /** Cells with a non-zero change (a birth and a death in one cell change its key, not its counts). */
  list(): PopDelta[] {
    return [...this.cells.values()].filter((c) => c.values.some((v) => v !== 0) || c.keys.some((k) => k !== 0));
  }
}

/**
 * Adds the deltas of one (valid) event at batch position `index` that happened at `t`, for months
 * t.month … last (the cube's last month index, ≥ t.month); `key` is the event's record key (kind 'e').
 */
export function addPopulationEvent(
  out: PopDeltas,
  e: PopulationEvent,
  t: EventTime,
  last: number,
  index: number,
  key: number,
): void {
  const s = state(e);
  const flow = (measure: (typeof POP_FLOWS)[number]) => {
    const v = new Array<number>(POP_MEASURES.length).fill(0);
    v[S[measure]] = 1;
    out.add(e.unit, t.month, e.sex, ageGroup(ageOn(e.birth_date, t.day)), e.residence, v, index, key);
  };
  const forward = (stocks: (age: number) => number[]) => {
    for (let m = t.month; m <= last; m++) {
      const age = ageOn(e.birth_date, monthEnd(m));
      const v = stocks(age);
      if (v.some((x) => x !== 0)) out.add(e.unit, m, e.sex, ageGroup(age), e.residence, v, index, key);
    }
  };
  const negate = (v: number[]) => v.map((x) => -x);
  switch (e.type) {
    case 'birth':
      flow('births');
      forward((age) => personStocks(s, age));
      break;
    case 'move_in':
      flow('moves_in');
      forward((age) => personStocks(s, age));
      break;
    case 'death':
      flow('deaths');
      forward((age) => negate(personStocks(s, age)));
      break;
    case 'move_out':
      flow('moves_out');
      forward((age) => negate(personStocks(s, age)));
      break;
    case 'id_card_issued':
      forward((age) => {
        const v = new Array<number>(POP_MEASURES.length).fill(0);
        v[S.with_chip_card] = age >= 14 ? 1 : 0;
        return v;
      });
      break;
    case 'vneid_activated': {
      const before = s.level;
      const after = e.level ?? 2;
      forward(() => {
        const v = new Array<number>(POP_MEASURES.length).fill(0);
        if (before === 0) {
          v[S.vneid_requested] = 1;
          v[S.vneid_level1] = 1;
        }
        if (after === 2 && before < 2) {
          v[S.vneid_level2] = 1;
          v[S.vneid_requested_level2] = 1;
        }
        return v;
      });
      break;
    }
  }
}
