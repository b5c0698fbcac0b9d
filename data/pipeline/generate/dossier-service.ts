// The Decision 766 columns of one dossier (electronic result, digitised components, reuse, the personal
// data store, supplement requests, fee, synchronisation to the portal), drawn from the unit's knobs
// (service-profile.ts) on a stream of their own, so that retuning them never moves the other columns;
// and the petitions a dossier gives rise to (petitions.ts handles them).
import type { Channel, Outcome } from './dossier-outcome.ts';
import type { PetitionSeed } from './petitions.ts';
import type { Procedure } from './procedures.ts';
import type { Rng } from './prng.ts';
import type { ServiceProfile } from './service-profile.ts';

export const SERVICE_HEADER = [
  'result_electronic',
  'components_digitised',
  'reused_digitised',
  'from_data_store',
  'result_to_data_store',
  'supplement_count',
  'supplement_days',
  'fee_amount',
  'synced_portal',
];

const DAY = 1440;
/** The five flags as text by bit mask (bit 4 = result_electronic … bit 0 = result_to_data_store). */
const FLAGS = Array.from({ length: 32 }, (_, m) => [4, 3, 2, 1, 0].map((bit) => (m >> bit) & 1).join(','));

/** The dossier as drawn by dossiers.ts and dossier-outcome.ts. */
export interface DrawnDossier {
  id: string;
  proc: Procedure;
  channel: Channel;
  received: number; // minutes
  month: number; // index in the window
  o: Outcome;
}

/** Calendar days waited on the applicant, given a first supplement request. */
function supplementDays(r: Rng, d: DrawnDossier, late: boolean, endTs: number): number {
  const { o, received } = d;
  if (o.resolvedAt !== null) {
    const elapsed = (o.resolvedAt - received) / DAY;
    // most late dossiers with a request were late because of it: the wait covers the delay
    if (late && r.chance(0.7)) return Math.min(elapsed, (o.resolvedAt - o.dueAt) / DAY + r.uniform(0.5, 3));
    return elapsed * r.uniform(0.05, 0.6);
  }
  if (o.status === 'supplement') {
    // still waiting on the data date, since a moment before the due time
    const since = received + r.next() * Math.max(0, Math.min(o.dueAt, endTs) - received);
    return (endTs - since) / DAY;
  }
  if (o.status === 'withdrawn') return r.uniform(1, 15);
  return (Math.max(0, endTs - received) / DAY) * r.uniform(0.05, 0.5);
}

/** A petition the dossier gives rise to: on the dossier itself (a few days after), or on its procedure or staff. */
function petitionOf(r: Rng, d: DrawnDossier, linked: boolean, endTs: number): PetitionSeed | null {
  const { o, received } = d;
  const staff = r.chance(0.25);
  let day: number;
  if (linked) {
    const until = Math.min(o.resolvedAt ?? endTs, endTs);
    day = Math.floor((received + r.next() * Math.max(0, until - received)) / DAY) + r.int(10);
  } else day = Math.floor(received / DAY) + r.int(28);
  const ts = day * DAY + 420 + r.int(900); // 7:00–21:59: by the portal, the hotline or the mailbox
  if (ts > endTs || ts < received) return null;
  return {
    ts,
    kind: staff ? 'staff' : 'procedure',
    procedure: linked || !staff ? d.proc.code : null,
    dossier: linked ? d.id : null,
    repeat: false,
  };
}

/** The nine columns (comma-separated, in SERVICE_HEADER order); pushes the petitions it gives rise to. */
export function serviceColumns(
  r: Rng,
  s: ServiceProfile,
  d: DrawnDossier,
  endTs: number,
  petitions: PetitionSeed[],
): string {
  const { proc: p, o, month } = d;
  const k = s.at;
  const online = d.channel === 'online';
  let eResult = false;
  if (o.status === 'resolved') {
    // a residence procedure's result is an update of the database: electronic by nature
    const share = (online ? k.onlineResultElectronic : k.resultElectronic)[month];
    eResult = !p.paperResult || r.chance(o.digitised ? share : 0.4 * share);
  }
  const components = online || o.processed || r.chance(k.componentsDigitised[month]);
  const reused = r.chance(k.reusedDigitised[month]);
  const fromStore = online && o.eidAuth && r.chance(k.fromDataStore[month]);
  const toStore = eResult && o.hadEid && r.chance(k.resultToDataStore[month]);
  const late = o.resolvedAt !== null && o.resolvedAt > o.dueAt;
  const weight = p.dueDays >= 3 ? 1 : p.dueDays === 2 ? 0.5 : 0.15;
  let count = 0;
  let days = 0;
  if (o.status === 'supplement' || r.chance(late ? 0.5 : k.supplement[month] * weight)) {
    count = r.chance(k.secondSupplement[month]) ? 2 : 1;
    days = Math.floor(10 * supplementDays(r, d, late, endTs)) / 10; // down: never more than the time elapsed
  }
  let fee = 0;
  if (p.fee && (o.paid || !r.chance(k.feeZero[month]))) {
    const copies = p.code === 'CC-01' || p.code === 'HT-04' ? 1 + r.int(4) : 1;
    fee = p.feeAmount * copies * (online ? 0.5 : 1); // half the fee when filed online
  }
  const synced = r.chance(k.synced[month]);
  const bad = o.satisfaction === '1' || o.satisfaction === '2';
  const troubled = late || bad || count === 2;
  if (r.chance((k.petitions[month] / 1000) * (late ? 3 : 1) * (bad ? 5 : 1) * (count === 2 ? 2 : 1))) {
    const petition = petitionOf(r, d, r.chance(troubled ? 0.8 : 0.3), endTs);
    if (petition) petitions.push(petition);
  }
  const flags = (+eResult << 4) | (+components << 3) | (+reused << 2) | (+fromStore << 1) | +toStore;
  return `${FLAGS[flags]},${count},${days},${fee},${synced ? 1 : 0}`;
}
