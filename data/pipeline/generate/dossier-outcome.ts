// What happens to one dossier: channel, e-identity, reuse of population data, digitised result, online
// payment and processing, status, resolution time and rating. Every share ramps up over 2022–2026 and
// is shifted by the unit's digital maturity.
import { decimalYear } from './calendar.ts';
import { ramp } from './maturity.ts';
import type { Procedure } from './procedures.ts';
import type { Rng } from './prng.ts';
import { knobLevel, type ServiceProfile } from './service-profile.ts';
import { addWorkMinutes, workMinutesBetween } from './worktime.ts';

export type Channel = 'online' | 'counter' | 'post';

/** The receiving unit as the dossier generator sees it. */
export interface UnitProfile {
  unitId: string;
  level: 'commune' | 'district';
  maturity: number;
  champion: boolean;
  /** Share of card-age residents holding a VNeID, by month of the window. */
  eidShare: Float64Array;
  /** Its strengths in the groups of the Decision 766 index and the knobs they set (service-profile.ts). Without
   * one (the live simulator) every multiplier knob is 1: the shares drawn here alone. */
  service?: ServiceProfile;
}

export interface Outcome {
  dueAt: number;
  resolvedAt: number | null;
  status: string;
  flags: string; // eid_authenticated … eid_enrolled_on_site as 1/0, comma-separated
  satisfaction: string;
  eidAuth: boolean;
  hadEid: boolean;
  /** result_digitised (a resolved dossier's result was digitised). */
  digitised: boolean;
  paid: boolean;
  processed: boolean;
}

const sinceYear = new Map<string, number>();
/** Decimal year of a catalogue date (Infinity when never). */
export function yearOfSince(date: string | null): number {
  if (date === null) return Infinity;
  let y = sinceYear.get(date);
  if (y === undefined) {
    const [yy, mm, dd] = date.split('-').map(Number);
    y = yy + (mm - 1) / 12 + (dd - 1) / 365;
    sinceYear.set(date, y);
  }
  return y;
}

/** The unit's online-share multiplier (Decision 766 profile) at a time: by month of the window when known. */
function onlineFactor(u: UnitProfile, year: number, month?: number): number {
  if (!u.service) return 1;
  return month === undefined ? knobLevel(u.service.strength, 'onlineShare', year) : u.service.at.onlineShare[month];
}

/** Share of a procedure's dossiers filed online in a unit at a time. */
export function onlineShare(p: Procedure, u: UnitProfile, year: number, month?: number): number {
  const m = u.maturity;
  const general = ramp(year, 0.15 + 0.1 * m, 0.55 + 0.4 * m, 2024 - 0.5 * m, 0.6) * onlineFactor(u, year, month);
  return Math.min(0.97, p.online * general * (year >= yearOfSince(p.fullOnlineSince) ? 1 : 0.35));
}

/** The channel of a dossier filed at `year` (`month`: its index in the window, for the unit's profile). */
export function chooseChannel(rng: Rng, p: Procedure, u: UnitProfile, year: number, month?: number): Channel {
  const r = rng.next();
  const online = onlineShare(p, u, year, month);
  if (r < online) return 'online';
  const post = p.field === 'certification' ? 0 : p.field === 'land' ? 0.03 : 0.01;
  return r < online + post ? 'post' : 'counter';
}

const b = (x: boolean) => (x ? '1' : '0');

interface Identity {
  hadEid: boolean;
  enrolled: boolean;
  eidAuth: boolean;
}

/** Whether the applicant had an e-identity, was enrolled on site, and was authenticated with it. */
function identity(rng: Rng, u: UnitProfile, channel: Channel, year: number, month: number): Identity {
  const m = u.maturity;
  let hadEid = rng.chance(Math.min(0.98, 1.1 * u.eidShare[month]));
  if (channel === 'online') {
    const eidAuth = rng.chance(ramp(year, 0.4, 0.98, 2023.3 - 0.6 * m, 0.5));
    if (eidAuth) hadEid = true;
    return { hadEid, enrolled: false, eidAuth };
  }
  const enrolled =
    !hadEid && channel === 'counter' && rng.chance(ramp(year, 0.2, 0.75 + 0.23 * m, 2023 - 0.5 * m, 0.5));
  const authShare = channel === 'counter' ? ramp(year, 0.15, 0.75, 2023.8 - 0.6 * m, 0.5) : 0.2;
  return { hadEid, enrolled, eidAuth: (hadEid || enrolled) && rng.chance(authShare) };
}

/** Share of a unit's dossiers of a procedure whose whole file was processed on the network. */
function processedOnlineShare(p: Procedure, u: UnitProfile, year: number): number {
  const m = u.maturity;
  if (u.level === 'district') return ramp(year, 0.45, 0.8 + 0.18 * m, 2023.6 - 0.5 * m, 0.5);
  if (p.populationManagement) return ramp(year, 0.28, 0.5 + 0.32 * m, 2024 - 0.5 * m, 0.5);
  return ramp(year, 0.15, 0.5 + 0.3 * m, 2024.2 - 0.5 * m, 0.5);
}

/** When the result is handed over: mostly early within the due time, a few late (office hours only). */
function resolutionTime(
  rng: Rng,
  u: UnitProfile,
  received: number,
  dueAt: number,
  year: number,
  month: number,
): number {
  const m = u.maturity;
  const lateShare = ramp(year, 0.12 - 0.09 * m, 0.04 - 0.03 * m, 2023.5, 0.6) * (u.service?.at.lateShare[month] ?? 1);
  const due = workMinutesBetween(received, dueAt);
  if (rng.chance(lateShare)) return addWorkMinutes(received, due + 1 + Math.floor(rng.exp(Math.max(570, 0.3 * due))));
  if (due === 0) return received + rng.int(60); // handed in on a Saturday morning, due before Monday
  return addWorkMinutes(received, Math.floor(due * rng.next() ** 2));
}

/** Status on the data date: a few rejected, withdrawn or stuck waiting for a supplement; late ones still open. */
function statusOf(rng: Rng, resolvedAt: number, received: number, endTs: number): string {
  const r = rng.next();
  if (resolvedAt <= endTs)
    return r < 0.01 ? 'rejected' : r < 0.014 ? 'withdrawn' : r < 0.018 ? 'supplement' : 'resolved';
  return r < 0.1 ? 'supplement' : endTs - received < 2 * 1440 && r < 0.6 ? 'received' : 'processing';
}

/** A rating 1–5 for some resolved dossiers: mostly satisfied, less so when late. */
function rating(rng: Rng, u: UnitProfile, channel: Channel, year: number, late: boolean): string {
  if (!rng.chance((channel === 'online' ? 0.35 : 0.2) * ramp(year, 0.5, 1.2, 2023.5, 0.6))) return '';
  if (rng.chance(0.86 + 0.1 * u.maturity - (late ? 0.3 : 0))) return rng.chance(0.6) ? '5' : '4';
  return String(rng.chance(0.6) ? 3 : rng.chance(0.62) ? 2 : 1);
}

/** Draws the outcome of a dossier received at `received` (minutes) in month `month` of the window. */
export function drawOutcome(
  rng: Rng,
  p: Procedure,
  u: UnitProfile,
  channel: Channel,
  received: number,
  month: number,
  endTs: number,
): Outcome {
  const year = decimalYear(received / 1440);
  const m = u.maturity;
  const dueAt = received + p.dueDays * 1440;
  const id = identity(rng, u, channel, year, month);
  const popSince = yearOfSince(p.populationDataSince);
  const reused =
    year >= popSince &&
    rng.chance(ramp(year, 0.35, 0.9 + 0.08 * m, popSince + 1 - 0.5 * m, 0.5) * (id.eidAuth ? 1 : 0.75));
  const digitised = rng.chance(ramp(year, 0.25 + 0.1 * m, 0.85 + 0.13 * m, 2023.8 - 0.6 * m, 0.5));
  // only where payment is integrated; the unit's strength in online payment (group 3b of Decision 766) scales it
  const paidShare = channel === 'online' ? ramp(year, 0.25, 0.9, 2023.5, 0.5) : ramp(year, 0.01, 0.25, 2024.5, 0.5);
  const paid =
    p.fee &&
    channel !== 'post' &&
    rng.chance(p.paymentIntegrated ? paidShare * (u.service?.at.paidOnline[month] ?? 1) : 0);
  const processed = rng.chance(Math.min(1, processedOnlineShare(p, u, year) + (channel === 'online' ? 0.1 : 0)));
  const resolvedAt = resolutionTime(rng, u, received, dueAt, year, month);
  const status = statusOf(rng, resolvedAt, received, endTs);
  const closed = status === 'resolved' || status === 'rejected';
  const satisfaction = status === 'resolved' ? rating(rng, u, channel, year, resolvedAt > dueAt) : '';
  const flags =
    `${b(id.eidAuth)},${b(reused)},${b(digitised && status === 'resolved')},${b(paid)},${b(processed)},` +
    `${b(id.hadEid)},${b(id.enrolled)}`;
  return {
    dueAt,
    resolvedAt: closed ? resolvedAt : null,
    status,
    flags,
    satisfaction,
    eidAuth: id.eidAuth,
    hadEid: id.hadEid,
    digitised: digitised && status === 'resolved',
    paid,
    processed,
  };
}
