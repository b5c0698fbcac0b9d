// Checks a batch of events before anything is applied: the shape (TypeBox), then the facts that need
// the store — the unit is a base unit (existing that day), the time is inside the cube and not in the
// future, ages fit the event. Every problem names the event (position and id) and the field. Pure.
import { TypeCompiler } from '@sinclair/typebox/compiler';
import {
  DossierEventSchema,
  PopulationEventSchema,
  type EventProblem,
  type LiveEvent,
  type PopulationEvent,
} from '../../../server/contracts/events.ts';
import { CUBE_START } from '../store.ts';
import { ageOn, isCalendarDay, parseEventTime, vietnamDay, type EventTime } from './time.ts';

const population = TypeCompiler.Compile(PopulationEventSchema);
const dossier = TypeCompiler.Compile(DossierEventSchema);

export interface UnitFacts {
  level: string;
  is_base: boolean;
  valid_from: string;
  valid_to: string | null;
}

export interface ValidationContext {
  units: ReadonlyMap<string, UnitFacts>;
  /** now (ms), for "not in the future" (one day of clock skew is allowed) */
  now: number;
}

export interface CheckedEvent {
  index: number;
  event: LiveEvent;
  time: EventTime;
}

const isPopulation = (e: LiveEvent): e is PopulationEvent => !('dossier' in e);

/**
 * The value with every string in Unicode NFC, as the importer stores text: a unit, procedure code or bundle
 * reference sent decomposed (NFD) then matches the stored one and is stored composed.
 */
function nfc(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  // an event is two levels deep: anything deeper is refused by the shape check as it was sent
  if (typeof value !== 'object' || value === null || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => nfc(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v, depth + 1)]));
}

/** A JSON-pointer path '/dossier/channel' as 'dossier.channel'. */
const field = (path: string) => path.replace(/^\//, '').replace(/\//g, '.');

/** The first schema error of a value, in plain words. */
function shapeProblem(index: number, value: unknown): EventProblem | null {
  const id =
    typeof value === 'object' && value !== null && typeof (value as { event_id?: unknown }).event_id === 'string'
      ? (value as { event_id: string }).event_id
      : null;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      index,
      event_id: null,
      field: '',
      message: 'sự kiện phải là một đối tượng JSON / an event must be a JSON object',
    };
  const type = (value as { type?: unknown }).type;
  const checker = typeof type === 'string' && type.startsWith('dossier_') ? dossier : population;
  const first = checker.Errors(value).First();
  if (!first) return null;
  const where = field(first.path);
  const shown = first.value === undefined ? 'thiếu / missing' : JSON.stringify(first.value)?.slice(0, 60);
  return { index, event_id: id, field: where, message: `sai dạng dữ liệu / invalid: ${first.message} (${shown})` };
}

/**
 * Checks every event; returns the events with their parsed times, or the problems (all of them, at
 * most one per event). Duplicated event_ids inside the batch are allowed (applied once).
 */
export function checkEvents(
  values: unknown[],
  ctx: ValidationContext,
): { ok: CheckedEvent[]; problems: EventProblem[] } {
  const ok: CheckedEvent[] = [];
  const problems: EventProblem[] = [];
  const today = vietnamDay(ctx.now + 86_400_000);
  values.forEach((sent, index) => {
    const value = nfc(sent);
    const shape = shapeProblem(index, value);
    if (shape) return void problems.push(shape);
    const e = value as LiveEvent;
    const say = (f: string, message: string) => void problems.push({ index, event_id: e.event_id, field: f, message });
    const time = parseEventTime(e.occurred_at);
    if (!time) return say('occurred_at', `"${e.occurred_at}" không phải ngày giờ có thật / is not a real date or time`);
    if (time.day < CUBE_START)
      return say(
        'occurred_at',
        `trước ${CUBE_START}, ngày bắt đầu của dữ liệu / before ${CUBE_START}, where the store's data start`,
      );
    if (time.day > today) return say('occurred_at', `${time.day} là ngày trong tương lai / is in the future`);
    const unit = ctx.units.get(e.unit);
    if (!unit) return say('unit', `không có đơn vị "${e.unit}" / no unit "${e.unit}"`);
    if (!unit.is_base)
      return say(
        'unit',
        `"${e.unit}" không phải đơn vị ghi nhận dữ liệu (xã, thị trấn) / is not a unit data are recorded against`,
      );
    // Data stay recorded against the base units after a reorganisation (today's units are rolled up
    // from them through unit_members), so only a day before the unit existed is refused.
    if (time.day < unit.valid_from)
      return say(
        'unit',
        `đơn vị "${e.unit}" chưa thành lập ngày ${time.day} / unit "${e.unit}" did not exist on ${time.day}`,
      );
    if (isPopulation(e)) {
      if (unit.level !== 'commune')
        return say('unit', `sự kiện dân cư phải thuộc một xã, thị trấn / a population event must be in a commune`);
      if (!isCalendarDay(e.birth_date))
        return say('birth_date', `"${e.birth_date}" không phải ngày có thật / is not a real date`);
      if (e.birth_date > time.day) return say('birth_date', `sinh sau ngày xảy ra sự kiện / born after the event`);
      const age = ageOn(e.birth_date, time.day);
      if (age > 125) return say('birth_date', `tuổi ${age} không hợp lý / an age of ${age} is not plausible`);
      if (e.type === 'birth' && e.birth_date !== time.day)
        return say(
          'birth_date',
          `sự kiện sinh: ngày sinh phải là ngày xảy ra (${time.day}) / ` +
            "a birth's birth_date must be the day it happened",
        );
      if (e.type === 'id_card_issued' && age < 14)
        return say(
          'birth_date',
          `cấp thẻ căn cước gắn chip cho người từ 14 tuổi (tuổi ${age}) / chip ID cards are for people aged 14 or more`,
        );
      if (e.type === 'id_card_issued' && e.chip_card)
        return say('chip_card', 'người này đã có thẻ gắn chip / already holds a chip card');
      if (e.type === 'vneid_activated') {
        if (e.level === undefined)
          return say('level', 'thiếu mức định danh đạt được (1 hoặc 2) / level (1 or 2) is required');
        if ((e.vneid_level ?? 0) >= e.level)
          return say(
            'level',
            `mức ${e.level} không cao hơn mức đang có ${e.vneid_level ?? 0} / not above the level held`,
          );
      } else if (e.level !== undefined) return say('level', 'chỉ dùng cho vneid_activated / only for vneid_activated');
      if (e.type === 'birth' && (e.chip_card || (e.vneid_level ?? 0) > 0))
        return say('chip_card', 'trẻ mới sinh chưa có thẻ hay VNeID / a newborn holds no card or VNeID');
    }
    ok.push({ index, event: e, time });
  });
  return { ok, problems };
}
