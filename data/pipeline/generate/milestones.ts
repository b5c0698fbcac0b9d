// milestones.csv: the dates each base unit reached the milestone targets of targets.csv (comparator
// "done"): A02 (e-identity connected to the portal, due 2022-03-31) and A07 (population-data KPIs
// monitored in real time, due 2022-06-30). Mature units are early; some are late; none after the data date.
import { dateStr, parseDate } from './calendar.ts';
import type { CsvWriter } from './csv-writer.ts';
import { Rng } from './prng.ts';

interface Milestone {
  target: string;
  deadline: string;
  /** Days early (mature units) to late (the least mature), and the noise around it. */
  spread: number;
  noise: number;
  pivot: number; // maturity that reaches it on the deadline
}

const MILESTONES: Milestone[] = [
  { target: 'A02', deadline: '2022-03-31', spread: 120, noise: 20, pivot: 0.3 },
  { target: 'A07', deadline: '2022-06-30', spread: 240, noise: 30, pivot: 0.35 },
];
const EARLIEST = parseDate('2022-01-10');

export function writeMilestones(
  out: CsvWriter,
  units: { unitId: string; maturity: number }[],
  seed: number,
  dataDate: number,
): void {
  for (const ms of MILESTONES) {
    for (const u of units) {
      const rng = new Rng(seed, 'milestone', ms.target, u.unitId);
      const day = Math.max(
        EARLIEST,
        parseDate(ms.deadline) + Math.round((ms.pivot - u.maturity) * ms.spread + ms.noise * rng.normal()),
      );
      if (day <= dataDate) out.row([ms.target, u.unitId, dateStr(day)]);
    }
  }
}
