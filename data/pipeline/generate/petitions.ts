// petitions.csv for one base unit (phản ánh, kiến nghị; no identity of the petitioner): the petitions its
// dossiers gave rise to (dossier-service.ts), each handled by a deadline in working days that depends on
// the outcome (Decision 766, 5.2), some late, some still open on the data date, some rated "not
// satisfied", some petitioned again (a new petition follows), numbered PA<unit>-<yyyymm>-<nnnn>.
import { isWorkDay, timestampStr, type Window } from './calendar.ts';
import type { CsvWriter } from './csv-writer.ts';
import { Rng } from './prng.ts';
import { shiftWorkDays } from './procedures-766.ts';
import type { ServiceProfile } from './service-profile.ts';
import { CLOSE, OPEN } from './worktime.ts';

export const PETITION_HEADER = [
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
];

export interface PetitionSeed {
  ts: number; // received, minutes
  kind: 'procedure' | 'staff';
  procedure: string | null;
  dossier: string | null;
  /** The matter petitioned again: such a petition is not drawn as repeated in its turn. */
  repeat: boolean;
}

/** Outcome, share, and the deadline in working days after the day received (Decision 766, 5.2). */
const OUTCOMES: [string, number, number][] = [
  ['answered', 0.8, 15],
  ['supplement', 0.08, 5],
  ['refused', 0.07, 2],
  ['published', 0.05, 2],
];

interface Handled {
  seed: PetitionSeed;
  handledAt: number | null;
  outcome: string | null;
  disliked: boolean;
  repeated: boolean;
}

const DAY = 1440;

function handle(r: Rng, s: ServiceProfile, month: number, p: PetitionSeed, endTs: number): Handled {
  const k = s.at;
  const u = r.next();
  let i = 0;
  for (let acc = OUTCOMES[0][1]; u >= acc && i < OUTCOMES.length - 1;) acc += OUTCOMES[++i][1];
  const [outcome, , n] = OUTCOMES[i];
  const received = Math.floor(p.ts / DAY);
  // the count starts from the working day received (or the last one before, as the store's work_days does)
  const base = isWorkDay(received) ? received : shiftWorkDays(received, -1);
  const deadline = shiftWorkDays(base, n);
  let day: number;
  if (r.chance(k.petitionOnTime[month])) {
    const first = base < received ? 1 : 0;
    day = shiftWorkDays(base, first + Math.floor((n - first + 1) * r.next() ** 1.5));
  } else day = shiftWorkDays(deadline, 1 + Math.floor(r.exp(6)));
  let handledAt = day * DAY + OPEN + r.int(CLOSE - OPEN);
  if (handledAt <= p.ts) handledAt = shiftWorkDays(day, 1) * DAY + OPEN + r.int(CLOSE - OPEN);
  if (handledAt > endTs) return { seed: p, handledAt: null, outcome: null, disliked: false, repeated: false };
  const late = Math.floor(handledAt / DAY) > deadline;
  const disliked = r.chance(k.disliked[month] * (late ? 2 : 1) * (outcome === 'refused' ? 1.5 : 1));
  const repeated = !p.repeat && r.chance(k.repeated[month] * (late ? 2 : 1) * (disliked ? 2 : 1));
  return { seed: p, handledAt, outcome, disliked, repeated };
}

/** Handles the unit's petitions (and the repeats they draw), then writes them in order received; returns how many. */
export function writeUnitPetitions(
  seed: number,
  s: ServiceProfile,
  win: Window,
  seeds: PetitionSeed[],
  out: CsvWriter,
): number {
  const r = new Rng(seed, 'petitions', s.unitId);
  const endTs = win.end * DAY + 1439;
  const last = win.months.length - 1;
  const queue = [...seeds].sort((a, b) => a.ts - b.ts);
  const done: Handled[] = [];
  for (let i = 0; i < queue.length; i++) {
    const p = queue[i];
    const month = Math.min(last, Math.max(0, win.monthOf(Math.floor(p.ts / DAY))));
    const h = handle(r, s, month, p, endTs);
    done.push(h);
    if (h.repeated && h.handledAt !== null) {
      const ts = (Math.floor(h.handledAt / DAY) + 3 + r.int(28)) * DAY + 420 + r.int(900);
      if (ts <= endTs) queue.push({ ...p, ts, repeat: true });
    }
  }
  done.sort((a, b) => a.seed.ts - b.seed.ts);
  let prefix = '';
  let n = 0;
  for (const h of done) {
    const month = timestampStr(h.seed.ts).slice(0, 7).replace('-', '');
    if (`PA${s.unitId}-${month}-` !== prefix) {
      prefix = `PA${s.unitId}-${month}-`;
      n = 0;
    }
    out.row([
      `${prefix}${String(++n).padStart(4, '0')}`,
      s.unitId,
      timestampStr(h.seed.ts),
      h.seed.kind,
      h.seed.procedure,
      h.seed.dossier,
      h.handledAt === null ? null : timestampStr(h.handledAt),
      h.outcome,
      h.disliked,
      h.repeated,
    ]);
  }
  return done.length;
}
