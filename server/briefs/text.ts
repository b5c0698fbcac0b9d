// The leader's brief in words (issue 19): the summary paragraph, written by rules from the numbers of a BriefContent
// (no language model), and the value, change and date formats the PDF's page (server/briefs/html.ts) uses too. Pure:
// no I/O, no clock. The summary goes into the brief by server/briefs/service.ts. Tests: tests/unit/brief-text.test.ts.
//
// The sentences, in this order (each with its kind):
// - targets_overview: how many targets are met, on track, at risk, missed (no data, hidden); "tất cả N chỉ tiêu đều
//   đạt hoặc đúng tiến độ (4 đạt, 8 đúng tiến độ)" when every target is met or on track ("đều đã đạt", "đều đúng
//   tiến độ" when all are one of them; "chỉ tiêu duy nhất của xã …" for a single target).
// - at_risk: the targets at risk, most urgent first (soonest deadline, then lowest probability): 3 names, then
//   "và N chỉ tiêu khác". missed: the targets whose deadline passed unmet, 2 names then "và N chỉ tiêu khác".
// - pace: for the most urgent at-risk target with a forecast or a pace, the pace per month still needed and the
//   forecast at the deadline (the direction of the pace's sign: a '<=' target needs a fall).
// - status_changed: the targets whose status changed since the previous period, improved / worsened / other (to or
//   from no data). When none changed and at least one target had a status then, ONE sentence says so ("Không có chỉ
//   tiêu nào thay đổi trạng thái so với …"); with no previous status at all, nothing.
// - lagging (district, province): how many children are below a target, the 3 furthest first (relative gap to their
//   target, a child counted once at its worst gap).
// - index766: the Decision 766 score, its change since the period before and the criterion that loses most (the
//   losses' sentences are in the brief's own section).
// - figure_change: at most 2 key figures. The rule: figures that can be compared come first, the biggest moves first
//   (percentage points for shares and rates per 100, relative change in % for counts and other measures; ties: a
//   year's high or low first, then the figures' order); then figures with a value but nothing to compare with (a
//   count of a month not yet over is NOT compared: "tháng chưa kết thúc"; a missing previous month); then withheld
//   figures (which never print a number: neither theirs nor the month before's); then figures without data.
//   Higher/lower is better (direction up/down) adds "chuyển biến tích cực" / "chiều hướng cần chú ý"; direction
//   'none' (population) only says up or down.
// - no_data: alone (with partial_period) when there is nothing to say: no measured target, no figure with a value, no
//   lagging child, no index score.
// - partial_period, last: the data end before the period does ("Số liệu đến ngày 05/12/2026; …").
import type { BriefContent, BriefFigure, BriefTarget } from '../contracts/briefs.ts';
import { MEASURES, STATUSES, milestoneText, type Lang } from '../exports/labels.ts';

export type SentenceKind =
  | 'targets_overview'
  | 'at_risk'
  | 'missed'
  | 'pace'
  | 'status_changed'
  | 'lagging'
  | 'index766'
  | 'figure_change'
  | 'no_data'
  | 'partial_period'
  | 'followup';

export interface Sentence {
  kind: SentenceKind;
  text: string;
}

/** A noun counted in a sentence: Vietnamese has one form, English a singular and a plural. */
export interface Noun {
  vi: string;
  en: [string, string];
}

export const NOUNS = {
  target: { vi: 'chỉ tiêu', en: ['target', 'targets'] },
  commune: { vi: 'xã', en: ['commune', 'communes'] },
  district: { vi: 'huyện', en: ['district', 'districts'] },
  province: { vi: 'tỉnh', en: ['province', 'provinces'] },
  unit: { vi: 'đơn vị', en: ['unit', 'units'] },
  directive: { vi: 'chỉ đạo', en: ['directive', 'directives'] },
  task: { vi: 'nhiệm vụ', en: ['task', 'tasks'] },
} satisfies Record<string, Noun>;

/** The most figure sentences a summary holds. */
const MAX_FIGURES = 2;
/** The missed targets a summary names (the rest are counted). */
const MAX_MISSED_NAMES = 2;
const MINUS = '\u2212';

/** "3 chỉ tiêu", "1 target", "3 targets". */
export function count(n: number, noun: Noun, lang: Lang): string {
  return `${formatNumber(n, lang, 0)} ${lang === 'vi' ? noun.vi : noun.en[n === 1 ? 0 : 1]}`;
}

/** A number rounded to `digits` (never "-0"), in vi-VN ("1.234,5") or English ("1,234.5") digits. */
export function formatNumber(x: number, lang: Lang, digits = 1): string {
  if (!Number.isFinite(x)) return '—';
  const r = Number(x.toFixed(digits)) || 0;
  const text = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(
    Math.abs(r),
  );
  return r < 0 ? `${MINUS}${text}` : text;
}

const DIGITS: Record<string, number> = { percent: 1, count: 0, persons: 0, persons_per_km2: 0, points: 2 };
const digitsOf = (measure: string) => DIGITS[measure] ?? 1;

/** An amount (no sign) with its measure's word: percent values "84,2 %", percent changes "2,8 điểm %". */
function amount(x: number, measure: string, lang: Lang, change: boolean): string {
  const n = formatNumber(x, lang, digitsOf(measure));
  const one = Math.abs(Number(x.toFixed(digitsOf(measure)))) === 1;
  switch (measure) {
    case 'percent':
      return change ? `${n} ${lang === 'vi' ? 'điểm %' : 'pp'}` : `${n} %`;
    case 'points':
      return `${n} ${lang === 'vi' ? 'điểm' : one ? 'point' : 'points'}`;
    case 'persons':
      return lang === 'vi' ? `${n} ${MEASURES.persons.vi}` : `${n} ${one ? 'person' : MEASURES.persons.en}`;
    case 'days':
      return lang === 'vi' ? `${n} ${MEASURES.days.vi}` : `${n} ${one ? 'day' : MEASURES.days.en}`;
    case 'persons_per_km2':
    case 'ratio_per_100':
      return `${n} ${MEASURES[measure][lang]}`;
    default:
      return n;
  }
}

/** A value in its measure: "84,2 %", "12.345 người", "3,2 ngày", a milestone "Đã hoàn thành"; null "—". */
export function formatValue(value: number | null, measure: string, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (measure === 'milestone') return milestoneText(value, lang);
  return amount(value, measure, lang, false);
}

/** A signed change in its measure: "+2,8 điểm %", "−120 người", "0 điểm %"; null or a milestone "—". */
export function formatDelta(delta: number | null, measure: string, lang: Lang): string {
  if (delta === null || !Number.isFinite(delta) || measure === 'milestone') return '—';
  const r = Number(delta.toFixed(digitsOf(measure))) || 0;
  const sign = r > 0 ? '+' : r < 0 ? MINUS : '';
  return `${sign}${amount(Math.abs(r), measure, lang, true)}`;
}

/** "2026-12-31" → "31/12/2026" (both languages write day first here); anything else is returned as it is. */
export function formatDate(iso: string, lang: Lang): string {
  void lang;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A target's status as the app's legend says it (STATUSES): "Đúng tiến độ", "At risk". */
export function statusText(status: string, lang: Lang): string {
  return STATUSES[status]?.[lang] ?? status;
}

const lower = (s: string) => (s ? s[0].toLocaleLowerCase('vi') + s.slice(1) : s);

/**
 * "A", "A và B", "A, B và C"; past `max`, "A, B, C và 2 chỉ tiêu khác" ("A, B, C and 2 other targets"), the noun
 * given. One name more than `max` is named rather than counted ("A, B, C và D", never "và 1 chỉ tiêu khác").
 */
export function joinNames(names: string[], lang: Lang, noun: Noun = NOUNS.target, max = 3): string {
  const and = lang === 'vi' ? 'và' : 'and';
  if (names.length === 0) return '';
  if (names.length === 1) return names[0];
  if (names.length <= max + 1) return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
  const rest = names.length - max;
  const others = lang === 'vi' ? `${count(rest, noun, lang)} khác` : `${rest} other ${noun.en[rest === 1 ? 0 : 1]}`;
  return `${names.slice(0, max).join(', ')} ${and} ${others}`;
}

const levelNoun = (level: string): Noun =>
  level === 'commune' || level === 'district' || level === 'province' ? NOUNS[level] : NOUNS.unit;
/** The unit as a sentence names it: "xã", "the commune". */
const unitWord = (c: BriefContent, lang: Lang) =>
  lang === 'vi' ? levelNoun(c.level).vi : `the ${levelNoun(c.level).en[0]}`;
const label = (p: { label_vi: string; label_en: string }, lang: Lang) => (lang === 'vi' ? p.label_vi : p.label_en);
const title = (t: { title_vi: string; title_en: string }, lang: Lang) =>
  lang === 'vi' || !t.title_en ? t.title_vi : t.title_en;
const capital = (s: string) => (s ? s[0].toLocaleUpperCase('vi') + s.slice(1) : s);

/** "2026-11" → "tháng 11/2026" / "November 2026"; "2026-Q4" → "quý IV/2026" / "Q4 2026"; the brief's own label. */
/** A period id of the brief (its own, the one before, a month or a quarter) in words: "tháng 11/2026". */
export function periodLabel(id: string, c: BriefContent, lang: Lang): string {
  if (id === c.period.id) return label(c.period, lang);
  if (id === c.previous_period.id) return label(c.previous_period, lang);
  const month = /^(\d{4})-(\d{2})$/.exec(id);
  if (month) {
    if (lang === 'vi') return `tháng ${Number(month[2])}/${month[1]}`;
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
  if (quarter) return lang === 'vi' ? `quý ${['I', 'II', 'III', 'IV'][Number(quarter[2]) - 1]}/${quarter[1]}` : id;
  return id;
}

// ---- targets ----

const STATUS_ORDER = ['met', 'on_track', 'at_risk', 'missed', 'no_data', 'suppressed'] as const;

function overview(c: BriefContent, lang: Lang): string | null {
  const n = c.targets.length;
  if (n === 0) return null;
  const by = (s: string) => c.targets.filter((t) => t.status === s).length;
  const [met, onTrack] = [by('met'), by('on_track')];
  const intro = lang === 'vi' ? `Trong ${c.period.label_vi}` : `In ${c.period.label_en}`;
  const unit = unitWord(c, lang);
  const word = (s: string) => lower(statusText(s, lang));
  if (met + onTrack === n) {
    const state = met === n ? 'met' : onTrack === n ? 'on_track' : null;
    if (n === 1) {
      return lang === 'vi'
        ? `${intro}, chỉ tiêu duy nhất của ${unit} ${met ? 'đã đạt' : word('on_track')}.`
        : `${intro}, ${unit}'s only target is ${word(state!)}.`;
    }
    const [m, o] = [formatNumber(met, lang, 0), formatNumber(onTrack, lang, 0)];
    const detail = state ? '' : ` (${m} ${word('met')}, ${o} ${word('on_track')})`;
    if (lang === 'vi') {
      const what = state === 'met' ? 'đã đạt' : state === 'on_track' ? word('on_track') : 'đạt hoặc đúng tiến độ';
      return `${intro}, tất cả ${count(n, NOUNS.target, lang)} đều ${what}${detail}.`;
    }
    return `${intro}, all ${count(n, NOUNS.target, lang)} are ${state ? word(state) : 'met or on track'}${detail}.`;
  }
  const parts = STATUS_ORDER.filter((s) => by(s) > 0).map((s) =>
    lang === 'en' && s === 'no_data' ? `${by(s)} with ${word(s)}` : `${formatNumber(by(s), lang, 0)} ${word(s)}`,
  );
  const list = joinNames(parts, lang, NOUNS.target, Infinity);
  return lang === 'vi'
    ? `${intro}, ${unit} có ${count(n, NOUNS.target, lang)}: ${list}.`
    : `${intro}, ${unit} has ${count(n, NOUNS.target, lang)}: ${list}.`;
}

/** The most urgent first: the soonest deadline, then the lowest probability of meeting it, then the plan's order. */
function byUrgency(targets: BriefTarget[]): BriefTarget[] {
  const key = (x: number | null) => x ?? Infinity;
  return targets
    .map((t, i) => ({ t, i }))
    .sort(
      (a, b) =>
        key(a.t.months_left) - key(b.t.months_left) ||
        key(a.t.probability) - key(b.t.probability) ||
        a.t.deadline.localeCompare(b.t.deadline) ||
        a.i - b.i,
    )
    .map((x) => x.t);
}

function atRisk(c: BriefContent, lang: Lang): string | null {
  const list = byUrgency(c.targets.filter((t) => t.status === 'at_risk'));
  if (list.length === 0) return null;
  const names = joinNames(
    list.map((t) => title(t, lang)),
    lang,
  );
  if (lang === 'vi') return `${count(list.length, NOUNS.target, lang)} có nguy cơ không đạt: ${names}.`;
  const verb = list.length === 1 ? 'is' : 'are';
  return `${count(list.length, NOUNS.target, lang)} ${verb} at risk of being missed: ${names}.`;
}

function missed(c: BriefContent, lang: Lang): string | null {
  const list = c.targets.filter((t) => t.status === 'missed');
  if (list.length === 0) return null;
  // decided already: two names at most, the summary is about what can still be changed
  const names = joinNames(
    list.map((t) => title(t, lang)),
    lang,
    NOUNS.target,
    MAX_MISSED_NAMES,
  );
  if (lang === 'vi') return `${count(list.length, NOUNS.target, lang)} không đạt khi đến hạn: ${names}.`;
  const verb = list.length === 1 ? 'was' : 'were';
  return `${count(list.length, NOUNS.target, lang)} ${verb} missed at the deadline: ${names}.`;
}

function pace(c: BriefContent, lang: Lang): string | null {
  const shown = (t: BriefTarget) => Number((t.pace_needed ?? 0).toFixed(digitsOf(t.measure))) !== 0;
  const t = byUrgency(c.targets.filter((x) => x.status === 'at_risk' && x.comparator !== 'done')).find(
    (x) => shown(x) || x.forecast_at_deadline !== null,
  );
  if (!t) return null;
  const goal = formatValue(t.target, t.measure, lang);
  const date = formatDate(t.deadline, lang);
  const down = t.comparator === '<=';
  const parts: string[] = [];
  if (shown(t)) {
    const size = amount(Math.abs(t.pace_needed!), t.measure, lang, true);
    const rise = t.pace_needed! > 0;
    if (lang === 'vi') {
      const aim = down ? 'để không vượt quá' : 'để đạt';
      parts.push(`${aim} ${goal} vào ${date} cần ${rise ? 'tăng' : 'giảm'} bình quân ${size} mỗi tháng`);
    } else {
      const aim = down ? 'to stay at or below' : 'to reach';
      parts.push(`${aim} ${goal} by ${date} it needs to ${rise ? 'rise' : 'fall'} by ${size} a month on average`);
    }
  }
  if (t.forecast_at_deadline !== null) {
    const f = formatValue(t.forecast_at_deadline, t.measure, lang);
    const p = t.probability === null ? '' : ` (${lang === 'vi' ? 'khả năng đạt' : 'probability of meeting it:'} `;
    const prob = p && `${p}${formatNumber(t.probability! * 100, lang, 0)} %)`;
    if (lang === 'vi') parts.push(`dự báo đến hạn ${down ? 'ở mức' : 'đạt'} ${f}${prob}`);
    else parts.push(`forecast at the deadline: ${f}${prob}`);
    if (!shown(t)) parts[parts.length - 1] += lang === 'vi' ? `, mục tiêu ${goal}` : `, against a target of ${goal}`;
  }
  return `${title(t, lang)}: ${parts.join('; ')}.`;
}

const RANK: Record<string, number> = { missed: 0, at_risk: 1, on_track: 2, met: 3 };

function statusChanged(c: BriefContent, lang: Lang): string | null {
  const compared = c.targets.filter((t) => t.previous_status !== null);
  if (compared.length === 0) return null;
  const prev = label(c.previous_period, lang);
  const changed = compared.filter((t) => t.previous_status !== t.status);
  if (changed.length === 0) {
    return lang === 'vi'
      ? `Không có chỉ tiêu nào thay đổi trạng thái so với ${prev}.`
      : `No target changed status since ${prev}.`;
  }
  const move = (t: BriefTarget) => {
    const [a, b] = [RANK[t.previous_status!], RANK[t.status]];
    return a === undefined || b === undefined ? 0 : Math.sign(b - a);
  };
  const item = (t: BriefTarget) => {
    const [from, to] = [lower(statusText(t.previous_status!, lang)), lower(statusText(t.status, lang))];
    return lang === 'vi' ? `${title(t, lang)} (từ ${from} sang ${to})` : `${title(t, lang)} (from ${from} to ${to})`;
  };
  const groups: [number, string, string][] = [
    [1, 'chuyển biến tốt', 'improved'],
    [-1, 'xấu đi', 'worsened'],
    [0, 'thay đổi khác', 'changed otherwise'],
  ];
  const parts = groups.flatMap(([sign, vi, en]) => {
    const list = changed.filter((t) => move(t) === sign);
    if (list.length === 0) return [];
    const names = joinNames(list.map(item), lang);
    return [`${count(list.length, NOUNS.target, lang)} ${lang === 'vi' ? vi : en}: ${names}`];
  });
  return lang === 'vi' ? `So với ${prev}, ${parts.join('; ')}.` : `Since ${prev}, ${parts.join('; ')}.`;
}

// ---- children, index, figures ----

/** How far a child is from its target, relative to the target (0 when met, larger is further). */
function gap(l: BriefContent['lagging'][number]): number {
  if (l.value === null) return -Infinity;
  if (l.comparator === 'done') return 1;
  const scale = Math.abs(l.target) || 1;
  return (l.comparator === '<=' ? l.value - l.target : l.target - l.value) / scale;
}

function lagging(c: BriefContent, lang: Lang): string | null {
  if (c.lagging.length === 0) return null;
  const worst = new Map<string, { name: string; gap: number }>();
  for (const l of c.lagging) {
    const seen = worst.get(l.unit);
    if (!seen || gap(l) > seen.gap) worst.set(l.unit, { name: l.name, gap: gap(l) });
  }
  const units = [...worst.values()].sort((a, b) => b.gap - a.gap);
  const noun = c.level === 'province' ? NOUNS.district : NOUNS.commune;
  const names = joinNames(
    units.map((u) => u.name),
    lang,
    noun,
  );
  const n = units.length;
  if (lang === 'vi') {
    const order = n > 1 ? ' (xa mục tiêu nhất trước)' : '';
    return `${count(n, noun, lang)} chưa đạt mục tiêu ở ít nhất một chỉ tiêu: ${names}${order}.`;
  }
  const order = n > 1 ? ' (furthest behind first)' : '';
  return `${count(n, noun, lang)} ${n === 1 ? 'is' : 'are'} below target on at least one indicator: ${names}${order}.`;
}

const stop = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

function index766(c: BriefContent, lang: Lang): string | null {
  const x = c.index766;
  if (!x) return null;
  const when = periodLabel(x.period, c, lang);
  if (x.score === null) {
    return lang === 'vi'
      ? `Chưa tính được điểm Chỉ số 766 ${when} (chưa có số liệu).`
      : `The Decision 766 score for ${when} cannot be computed yet (no data).`;
  }
  const score = amount(x.score, 'points', lang, false);
  let text = lang === 'vi' ? `Điểm Chỉ số 766 ${when} đạt ${score}` : `The Decision 766 score for ${when} is ${score}`;
  if (x.previous !== null) {
    const d = Number((x.score - x.previous).toFixed(2)) || 0;
    const size = amount(Math.abs(d), 'points', lang, true);
    if (lang === 'vi')
      text += d === 0 ? ', không đổi so với kỳ trước' : `, ${d > 0 ? 'tăng' : 'giảm'} ${size} so với kỳ trước`;
    else
      text +=
        d === 0 ? ', unchanged from the period before' : `, ${d > 0 ? 'up' : 'down'} ${size} on the period before`;
  }
  // the losses themselves are listed in the brief's own section
  const loss = x.losses[0];
  if (loss) {
    const lost = amount(loss.lost, 'points', lang, true);
    text +=
      lang === 'vi'
        ? `; mất nhiều điểm nhất ở tiêu chí ${loss.indicator} (${lost})`
        : `; biggest loss at criterion ${loss.indicator} (${lost})`;
  }
  return stop(text);
}

const RATE_MEASURES = new Set(['percent', 'ratio_per_100']);
/** Counts summed over a month: one not yet over is not compared with a whole month. */
const COUNT_MEASURES = new Set(['count', 'persons']);

const FIGURE_WORDS = {
  vi: {
    rise: 'tăng',
    fall: 'giảm',
    up_to: 'lên',
    down_to: 'xuống',
    high: ', cao nhất từ đầu năm',
    low: ', thấp nhất từ đầu năm',
    good: 'chuyển biến tích cực',
    bad: 'chiều hướng cần chú ý',
    partial: 'tháng chưa kết thúc',
  },
  en: {
    rise: 'rose',
    fall: 'fell',
    up_to: 'to',
    down_to: 'to',
    high: ', the highest this year so far',
    low: ', the lowest this year so far',
    good: 'an improvement',
    bad: 'a change for the worse',
    partial: 'the month is not over',
  },
};

type FigureCase = { f: BriefFigure; i: number; group: number; move: number };

/** 0: compared (move = its size); 1: a value, nothing to compare with; 2: withheld; 3: no data. */
function figureCase(f: BriefFigure, i: number): FigureCase {
  if (f.suppressed) return { f, i, group: 2, move: 0 };
  if (f.value === null) return { f, i, group: 3, move: 0 };
  if (f.previous === null || f.measure === 'milestone' || (f.partial && COUNT_MEASURES.has(f.measure)))
    return { f, i, group: 1, move: 0 };
  const d = f.value - f.previous;
  // shares move in points; counts by their relative change (from 0: as if by 100 %)
  const relative = f.previous === 0 ? (d === 0 ? 0 : 100) : Math.abs(d / f.previous) * 100;
  const move = RATE_MEASURES.has(f.measure) ? Math.abs(d) : relative;
  return { f, i, group: 0, move };
}

function figureSentence({ f, group }: FigureCase, c: BriefContent, lang: Lang): string {
  const vi = lang === 'vi';
  const name =
    title(f, lang) +
    (c.period.kind === 'month' && c.period.id === f.month ? '' : ` (${periodLabel(f.month, c, lang)})`);
  if (group === 2)
    return vi ? `${name}: số liệu được ẩn để bảo vệ dữ liệu cá nhân.` : `${name}: withheld to protect personal data.`;
  if (group === 3) return vi ? `${name}: chưa có số liệu.` : `${name}: no data yet.`;
  const value = formatValue(f.value, f.measure, lang);
  if (group === 1) {
    if (f.partial && COUNT_MEASURES.has(f.measure)) {
      const to = formatDate(c.data_date, lang);
      return vi
        ? `${name} đến ngày ${to}: ${value} (tháng chưa kết thúc, chưa so sánh với tháng trước).`
        : `${name} up to ${to}: ${value} (the month is not over, not compared with the month before).`;
    }
    if (f.measure === 'milestone') return `${name}: ${value}.`;
    return vi
      ? `${name}: ${value}; chưa có số liệu tháng trước để so sánh.`
      : `${name}: ${value}; no figure for the month before to compare with.`;
  }
  const d = Number((f.value! - f.previous!).toFixed(digitsOf(f.measure))) || 0;
  const size = amount(Math.abs(d), f.measure, lang, true);
  const rel =
    !RATE_MEASURES.has(f.measure) && f.previous !== 0 && d !== 0
      ? ` (${formatNumber(Math.abs(d / f.previous!) * 100, lang, 1)} %)`
      : '';
  const w = FIGURE_WORDS[lang];
  const record = f.year_high === f.year_low ? '' : f.year_high ? w.high : w.low;
  const good = f.direction === 'none' || d === 0 ? null : d > 0 === (f.direction === 'up');
  const notes = [good === null ? '' : good ? w.good : w.bad, f.partial ? w.partial : ''].filter(Boolean);
  const tail = `${record}${notes.length ? ` (${notes.join('; ')})` : ''}.`;
  if (d === 0)
    return vi
      ? `${name} không đổi so với tháng trước, ở mức ${value}${tail}`
      : `${name} was unchanged from the month before, at ${value}${tail}`;
  const [verb, to] = d > 0 ? [w.rise, w.up_to] : [w.fall, w.down_to];
  return vi
    ? `${name} ${verb} ${size}${rel} so với tháng trước, ${to} ${value}${tail}`
    : `${name} ${verb} by ${size}${rel} from the month before, to ${value}${tail}`;
}

function figures(c: BriefContent, lang: Lang): string[] {
  const rec = (f: BriefFigure) => (f.year_high !== f.year_low ? 0 : 1);
  return c.figures
    .map(figureCase)
    .sort((a, b) => a.group - b.group || b.move - a.move || rec(a.f) - rec(b.f) || a.i - b.i)
    .slice(0, MAX_FIGURES)
    .map((x) => figureSentence(x, c, lang));
}

function partialPeriod(c: BriefContent, lang: Lang): string | null {
  if (c.data_date >= c.period.to) return null;
  const to = formatDate(c.data_date, lang);
  if (c.data_date < c.period.from) {
    return lang === 'vi'
      ? `Chưa có số liệu của ${c.period.label_vi}: số liệu mới đến ngày ${to}.`
      : `No data for ${c.period.label_en} yet: the data end on ${to}.`;
  }
  return lang === 'vi'
    ? `Số liệu đến ngày ${to}; ${c.period.label_vi} chưa kết thúc.`
    : `Data up to ${to}; ${c.period.label_en} is not over yet.`;
}

/** Whether anything can be said: a measured target, a figure with a value, a lagging child or an index score. */
function hasData(c: BriefContent): boolean {
  return (
    c.targets.some((t) => t.status !== 'no_data' && t.status !== 'suppressed') ||
    c.figures.some((f) => f.value !== null && !f.suppressed) ||
    c.lagging.length > 0 ||
    (c.index766 !== null && c.index766.score !== null)
  );
}

/**
 * Direction and follow-up: overdue directives (the longest overdue named with its office and due date) and tasks,
 * then the directives issued and done in the period. Nothing when there is nothing to follow up.
 */
function followup(c: BriefContent, lang: Lang): string | null {
  const f = c.followup;
  if (!f) return null;
  const { overdue_directives: od, overdue_tasks: ot, issued, done } = f.counts;
  const parts: string[] = [];
  if (od > 0 || ot > 0) {
    const items = [od > 0 ? count(od, NOUNS.directive, lang) : '', ot > 0 ? count(ot, NOUNS.task, lang) : '']
      .filter(Boolean)
      .join(lang === 'vi' ? ' và ' : ' and ');
    const first = [...f.overdue_directives].sort((a, b) => a.due.localeCompare(b.due) || a.id - b.id)[0];
    const named = first
      ? lang === 'vi'
        ? ` (lâu nhất: «${first.title}», giao ${first.office_name}, hạn ${formatDate(first.due, lang)})`
        : ` (longest: "${first.title}", to ${first.office_name}, due ${formatDate(first.due, lang)})`
      : '';
    parts.push(lang === 'vi' ? `${items} quá hạn${named}` : `${items} overdue${named}`);
  }
  if (issued > 0 || done > 0)
    parts.push(
      lang === 'vi'
        ? `trong kỳ đã giao ${count(issued, NOUNS.directive, lang)}, ${formatNumber(done, lang, 0)} chỉ đạo đã xong`
        : `in the period ${count(issued, NOUNS.directive, lang)} issued, ${formatNumber(done, lang, 0)} done`,
    );
  return parts.length ? stop(parts.join('; ')) : null;
}

/** The summary's sentences, each with its kind, in reading order (see the header for the rules). */
export function sentences(c: BriefContent, lang: Lang): Sentence[] {
  const out: Sentence[] = [];
  const add = (kind: SentenceKind, text: string | null) => {
    if (text) out.push({ kind, text: capital(text) });
  };
  if (!hasData(c)) {
    add(
      'no_data',
      lang === 'vi'
        ? `Chưa có số liệu để tổng hợp tình hình của ${unitWord(c, lang)} trong ${c.period.label_vi}.`
        : `There are no data yet to report on ${unitWord(c, lang)} for ${c.period.label_en}.`,
    );
  } else {
    add('targets_overview', overview(c, lang));
    add('at_risk', atRisk(c, lang));
    add('missed', missed(c, lang));
    add('pace', pace(c, lang));
    add('status_changed', statusChanged(c, lang));
    add('lagging', lagging(c, lang));
    add('index766', index766(c, lang));
    for (const text of figures(c, lang)) add('figure_change', text);
  }
  add('followup', followup(c, lang));
  add('partial_period', partialPeriod(c, lang));
  return out;
}

/** The summary paragraph a leader reads first: the sentences, joined. */
export function summarize(c: BriefContent, lang: Lang): string {
  return sentences(c, lang)
    .map((s) => s.text)
    .join(' ');
}
