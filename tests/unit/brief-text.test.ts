// The leader's brief in words (server/briefs/text.ts): each kind of sentence on hand-built BriefContent objects, in
// Vietnamese and English; the formats the PDF shares. Every expected sentence is written here by hand.
import { describe, expect, it } from 'vitest';
import type { BriefContent, BriefFigure, BriefPeriod, BriefTarget } from '../../server/contracts/briefs.ts';
import {
  NOUNS,
  formatDate,
  formatDelta,
  formatValue,
  joinNames,
  sentences,
  statusText,
  summarize,
  type SentenceKind,
} from '../../server/briefs/text.ts';

const NOV: BriefPeriod = {
  kind: 'month',
  id: '2026-11',
  from: '2026-11-01',
  to: '2026-11-30',
  label_vi: 'tháng 11/2026',
  label_en: 'November 2026',
};
const OCT: BriefPeriod = {
  kind: 'month',
  id: '2026-10',
  from: '2026-10-01',
  to: '2026-10-31',
  label_vi: 'tháng 10/2026',
  label_en: 'October 2026',
};
const DEC: BriefPeriod = {
  kind: 'month',
  id: '2026-12',
  from: '2026-12-01',
  to: '2026-12-31',
  label_vi: 'tháng 12/2026',
  label_en: 'December 2026',
};
const WEEK48: BriefPeriod = {
  kind: 'week',
  id: '2026-W48',
  from: '2026-11-23',
  to: '2026-11-29',
  label_vi: 'tuần 48/2026 (23/11–29/11/2026)',
  label_en: 'week 48 of 2026 (23/11–29/11/2026)',
};
const Q4: BriefPeriod = {
  kind: 'quarter',
  id: '2026-Q4',
  from: '2026-10-01',
  to: '2026-12-31',
  label_vi: 'quý IV/2026',
  label_en: 'Q4 2026',
};

function brief(over: Partial<BriefContent> = {}): BriefContent {
  return {
    unit: '29101',
    unit_name: 'Xã Nam Trung',
    level: 'commune',
    parent_name: 'Huyện Nam Đàn',
    period: NOV,
    previous_period: OCT,
    data_date: '2026-12-05',
    data_version: 1,
    generated: true,
    disclosure: 'suppress',
    min_cell: 10,
    targets: [],
    lagging: [],
    index766: null,
    figures: [],
    ...over,
  };
}

function target(title: string, over: Partial<BriefTarget> = {}): BriefTarget {
  return {
    target_id: title,
    title_vi: title,
    title_en: `${title} (en)`,
    indicator: 'pct_online_dossiers',
    comparator: '>=',
    target: 90,
    measure: 'percent',
    deadline: '2026-12-31',
    status: 'on_track',
    previous_status: null,
    value: 80,
    value_month: '2026-11',
    forecast_at_deadline: null,
    probability: null,
    pace_needed: null,
    months_left: 1,
    ...over,
  };
}

const ONLINE = { title_vi: 'Tỷ lệ hồ sơ trực tuyến', title_en: 'Share of online dossiers' };
const LATE = { title_vi: 'Tỷ lệ hồ sơ trễ hạn', title_en: 'Share of late dossiers' };
const RECEIVED = { title_vi: 'Số hồ sơ tiếp nhận', title_en: 'Dossiers received' };
const POPULATION = { title_vi: 'Dân số', title_en: 'Population' };

function figure(over: Partial<BriefFigure> = {}): BriefFigure {
  return {
    indicator: 'pct_online_dossiers',
    ...ONLINE,
    domain: 'procedures',
    measure: 'percent',
    month: '2026-11',
    value: 84.2,
    previous_month: '2026-10',
    previous: 81.4,
    suppressed: false,
    partial: false,
    year_high: false,
    year_low: false,
    direction: 'up',
    ...over,
  };
}

const statuses = (...list: BriefTarget['status'][]) => list.map((status, i) => target(`CT${i + 1}`, { status }));

interface Case {
  name: string;
  content: BriefContent;
  kind: SentenceKind;
  vi: string[];
  en: string[];
}

const CASES: Case[] = [
  // ---- targets_overview ----
  {
    name: 'overview, some at risk and missed',
    content: brief({ targets: statuses('met', 'on_track', 'on_track', 'at_risk', 'missed') }),
    kind: 'targets_overview',
    vi: ['Trong tháng 11/2026, xã có 5 chỉ tiêu: 1 đạt, 2 đúng tiến độ, 1 có nguy cơ và 1 không đạt.'],
    en: ['In November 2026, the commune has 5 targets: 1 met, 2 on track, 1 at risk and 1 missed.'],
  },
  {
    name: 'overview of a district with a target without data',
    content: brief({ level: 'district', targets: statuses('met', 'no_data') }),
    kind: 'targets_overview',
    vi: ['Trong tháng 11/2026, huyện có 2 chỉ tiêu: 1 đạt và 1 chưa có dữ liệu.'],
    en: ['In November 2026, the district has 2 targets: 1 met and 1 with no data.'],
  },
  {
    name: 'all targets met or on track',
    content: brief({ targets: statuses(...Array(4).fill('met'), ...Array(8).fill('on_track')) }),
    kind: 'targets_overview',
    vi: ['Trong tháng 11/2026, tất cả 12 chỉ tiêu đều đạt hoặc đúng tiến độ (4 đạt, 8 đúng tiến độ).'],
    en: ['In November 2026, all 12 targets are met or on track (4 met, 8 on track).'],
  },
  {
    name: 'all targets met',
    content: brief({ targets: statuses('met', 'met', 'met') }),
    kind: 'targets_overview',
    vi: ['Trong tháng 11/2026, tất cả 3 chỉ tiêu đều đã đạt.'],
    en: ['In November 2026, all 3 targets are met.'],
  },
  {
    name: 'the only target, on track',
    content: brief({ targets: statuses('on_track') }),
    kind: 'targets_overview',
    vi: ['Trong tháng 11/2026, chỉ tiêu duy nhất của xã đúng tiến độ.'],
    en: ["In November 2026, the commune's only target is on track."],
  },
  {
    name: 'a province with one target at risk',
    content: brief({ level: 'province', targets: statuses('at_risk') }),
    kind: 'targets_overview',
    vi: ['Trong tháng 11/2026, tỉnh có 1 chỉ tiêu: 1 có nguy cơ.'],
    en: ['In November 2026, the province has 1 target: 1 at risk.'],
  },
  // ---- at_risk, missed ----
  {
    name: 'one target at risk',
    content: brief({ targets: [target('Tỷ lệ A', { status: 'at_risk', title_en: 'Share A' })] }),
    kind: 'at_risk',
    vi: ['1 chỉ tiêu có nguy cơ không đạt: Tỷ lệ A.'],
    en: ['1 target is at risk of being missed: Share A.'],
  },
  {
    name: 'three targets at risk, the soonest deadline first',
    content: brief({
      targets: [
        target('C', { status: 'at_risk', title_en: 'C', months_left: 12 }),
        target('A', { status: 'at_risk', title_en: 'A', months_left: 1 }),
        target('Đạt', { status: 'met' }),
        target('B', { status: 'at_risk', title_en: 'B', months_left: 5 }),
      ],
    }),
    kind: 'at_risk',
    vi: ['3 chỉ tiêu có nguy cơ không đạt: A, B và C.'],
    en: ['3 targets are at risk of being missed: A, B and C.'],
  },
  {
    name: 'five targets at risk: three named',
    content: brief({
      targets: ['A', 'B', 'C', 'D', 'E'].map((t, i) =>
        target(t, { title_en: t, status: 'at_risk', months_left: i + 1 }),
      ),
    }),
    kind: 'at_risk',
    vi: ['5 chỉ tiêu có nguy cơ không đạt: A, B, C và 2 chỉ tiêu khác.'],
    en: ['5 targets are at risk of being missed: A, B, C and 2 other targets.'],
  },
  {
    name: 'missed targets',
    content: brief({
      targets: [target('A', { title_en: 'A', status: 'missed' }), target('B', { title_en: 'B', status: 'missed' })],
    }),
    kind: 'missed',
    vi: ['2 chỉ tiêu không đạt khi đến hạn: A và B.'],
    en: ['2 targets were missed at the deadline: A and B.'],
  },
  {
    name: 'one missed target',
    content: brief({ targets: [target('A', { title_en: 'A', status: 'missed' })] }),
    kind: 'missed',
    vi: ['1 chỉ tiêu không đạt khi đến hạn: A.'],
    en: ['1 target was missed at the deadline: A.'],
  },
  {
    name: 'many missed targets: two named, the rest counted',
    content: brief({
      targets: ['A', 'B', 'C', 'D'].map((n) => target(n, { title_en: n, status: 'missed' })),
    }),
    kind: 'missed',
    vi: ['4 chỉ tiêu không đạt khi đến hạn: A, B và 2 chỉ tiêu khác.'],
    en: ['4 targets were missed at the deadline: A, B and 2 other targets.'],
  },
  // ---- pace ----
  {
    name: 'pace of the most urgent target at risk',
    content: brief({
      targets: [
        target('Khác', { status: 'at_risk', months_left: 13, pace_needed: 3, forecast_at_deadline: 50 }),
        target(ONLINE.title_vi, {
          title_en: ONLINE.title_en,
          status: 'at_risk',
          months_left: 1,
          pace_needed: 1.5,
          forecast_at_deadline: 84.2,
          probability: 0.35,
        }),
      ],
    }),
    kind: 'pace',
    vi: [
      'Tỷ lệ hồ sơ trực tuyến: để đạt 90 % vào 31/12/2026 cần tăng bình quân 1,5 điểm % mỗi tháng; ' +
        'dự báo đến hạn đạt 84,2 % (khả năng đạt 35 %).',
    ],
    en: [
      'Share of online dossiers: to reach 90 % by 31/12/2026 it needs to rise by 1.5 pp a month on average; ' +
        'forecast at the deadline: 84.2 % (probability of meeting it: 35 %).',
    ],
  },
  {
    name: "pace of a '<=' target (lower is better)",
    content: brief({
      targets: [
        target(LATE.title_vi, {
          title_en: LATE.title_en,
          comparator: '<=',
          target: 5,
          status: 'at_risk',
          pace_needed: -0.8,
          forecast_at_deadline: 7.1,
        }),
      ],
    }),
    kind: 'pace',
    vi: [
      'Tỷ lệ hồ sơ trễ hạn: để không vượt quá 5 % vào 31/12/2026 cần giảm bình quân 0,8 điểm % mỗi tháng; ' +
        'dự báo đến hạn ở mức 7,1 %.',
    ],
    en: [
      'Share of late dossiers: to stay at or below 5 % by 31/12/2026 it needs to fall by 0.8 pp a month on ' +
        'average; forecast at the deadline: 7.1 %.',
    ],
  },
  {
    name: 'pace of a count target',
    content: brief({
      targets: [
        target('Tài khoản VNeID', {
          title_en: 'VNeID accounts',
          measure: 'persons',
          target: 12000,
          status: 'at_risk',
          pace_needed: 120,
          deadline: '2027-06-30',
        }),
      ],
    }),
    kind: 'pace',
    vi: ['Tài khoản VNeID: để đạt 12.000 người vào 30/06/2027 cần tăng bình quân 120 người mỗi tháng.'],
    en: ['VNeID accounts: to reach 12,000 persons by 30/06/2027 it needs to rise by 120 persons a month on average.'],
  },
  {
    name: 'a forecast without a pace',
    content: brief({ targets: [target('A', { title_en: 'A', status: 'at_risk', forecast_at_deadline: 84.2 })] }),
    kind: 'pace',
    vi: ['A: dự báo đến hạn đạt 84,2 %, mục tiêu 90 %.'],
    en: ['A: forecast at the deadline: 84.2 %, against a target of 90 %.'],
  },
  {
    name: 'no forecast and no pace: no pace sentence',
    content: brief({ targets: [target('A', { status: 'at_risk' })] }),
    kind: 'pace',
    vi: [],
    en: [],
  },
  // ---- status_changed ----
  {
    name: 'statuses improved and worsened',
    content: brief({
      targets: [
        target('A', { title_en: 'A', status: 'on_track', previous_status: 'at_risk' }),
        target('B', { title_en: 'B', status: 'at_risk', previous_status: 'on_track' }),
        target('C', { title_en: 'C', status: 'met', previous_status: 'met' }),
      ],
    }),
    kind: 'status_changed',
    vi: [
      'So với tháng 10/2026, 1 chỉ tiêu chuyển biến tốt: A (từ có nguy cơ sang đúng tiến độ); ' +
        '1 chỉ tiêu xấu đi: B (từ đúng tiến độ sang có nguy cơ).',
    ],
    en: [
      'Since October 2026, 1 target improved: A (from at risk to on track); ' +
        '1 target worsened: B (from on track to at risk).',
    ],
  },
  {
    name: 'two improved, one from no data',
    content: brief({
      targets: [
        target('A', { title_en: 'A', status: 'met', previous_status: 'on_track' }),
        target('B', { title_en: 'B', status: 'on_track', previous_status: 'missed' }),
        target('C', { title_en: 'C', status: 'met', previous_status: 'no_data' }),
      ],
    }),
    kind: 'status_changed',
    vi: [
      'So với tháng 10/2026, 2 chỉ tiêu chuyển biến tốt: A (từ đúng tiến độ sang đạt) và ' +
        'B (từ không đạt sang đúng tiến độ); 1 chỉ tiêu thay đổi khác: C (từ chưa có dữ liệu sang đạt).',
    ],
    en: [
      'Since October 2026, 2 targets improved: A (from on track to met) and B (from missed to on track); ' +
        '1 target changed otherwise: C (from no data to met).',
    ],
  },
  {
    name: 'no status changed',
    content: brief({ targets: [target('A', { status: 'met', previous_status: 'met' })] }),
    kind: 'status_changed',
    vi: ['Không có chỉ tiêu nào thay đổi trạng thái so với tháng 10/2026.'],
    en: ['No target changed status since October 2026.'],
  },
  {
    name: 'no previous status: nothing said of changes',
    content: brief({ targets: [target('A', { status: 'met' })] }),
    kind: 'status_changed',
    vi: [],
    en: [],
  },
  // ---- figure_change ----
  {
    name: 'a share rising to its year high',
    content: brief({ figures: [figure({ year_high: true })] }),
    kind: 'figure_change',
    vi: [
      'Tỷ lệ hồ sơ trực tuyến tăng 2,8 điểm % so với tháng trước, lên 84,2 %, cao nhất từ đầu năm (chuyển biến tích cực).',
    ],
    en: [
      'Share of online dossiers rose by 2.8 pp from the month before, to 84.2 %, the highest this year so far ' +
        '(an improvement).',
    ],
  },
  {
    name: 'a share where higher is better, falling',
    content: brief({ figures: [figure({ value: 80, previous: 83.5 })] }),
    kind: 'figure_change',
    vi: ['Tỷ lệ hồ sơ trực tuyến giảm 3,5 điểm % so với tháng trước, xuống 80 % (chiều hướng cần chú ý).'],
    en: ['Share of online dossiers fell by 3.5 pp from the month before, to 80 % (a change for the worse).'],
  },
  {
    name: 'lower is better, falling to its year low',
    content: brief({ figures: [figure({ ...LATE, value: 4.1, previous: 5.3, direction: 'down', year_low: true })] }),
    kind: 'figure_change',
    vi: [
      'Tỷ lệ hồ sơ trễ hạn giảm 1,2 điểm % so với tháng trước, xuống 4,1 %, thấp nhất từ đầu năm (chuyển biến tích cực).',
    ],
    en: [
      'Share of late dossiers fell by 1.2 pp from the month before, to 4.1 %, the lowest this year so far ' +
        '(an improvement).',
    ],
  },
  {
    name: 'lower is better, rising',
    content: brief({ figures: [figure({ ...LATE, value: 6, previous: 5, direction: 'down' })] }),
    kind: 'figure_change',
    vi: ['Tỷ lệ hồ sơ trễ hạn tăng 1 điểm % so với tháng trước, lên 6 % (chiều hướng cần chú ý).'],
    en: ['Share of late dossiers rose by 1 pp from the month before, to 6 % (a change for the worse).'],
  },
  {
    name: 'population (neither better nor worse), a count with its relative change',
    content: brief({
      figures: [figure({ ...POPULATION, measure: 'persons', value: 10250, previous: 10000, direction: 'none' })],
    }),
    kind: 'figure_change',
    vi: ['Dân số tăng 250 người (2,5 %) so với tháng trước, lên 10.250 người.'],
    en: ['Population rose by 250 persons (2.5 %) from the month before, to 10,250 persons.'],
  },
  {
    name: 'a count falling',
    content: brief({ figures: [figure({ ...RECEIVED, measure: 'count', value: 1380, previous: 1500 })] }),
    kind: 'figure_change',
    vi: ['Số hồ sơ tiếp nhận giảm 120 (8 %) so với tháng trước, xuống 1.380 (chiều hướng cần chú ý).'],
    en: ['Dossiers received fell by 120 (8 %) from the month before, to 1,380 (a change for the worse).'],
  },
  {
    name: 'unchanged (to the shown decimal)',
    content: brief({ figures: [figure({ value: 84.23, previous: 84.21 })] }),
    kind: 'figure_change',
    vi: ['Tỷ lệ hồ sơ trực tuyến không đổi so với tháng trước, ở mức 84,2 %.'],
    en: ['Share of online dossiers was unchanged from the month before, at 84.2 %.'],
  },
  {
    name: 'a count of a month not yet over is not compared',
    content: brief({
      period: DEC,
      previous_period: NOV,
      figures: [figure({ ...RECEIVED, measure: 'count', month: '2026-12', value: 312, previous: 1500, partial: true })],
    }),
    kind: 'figure_change',
    vi: ['Số hồ sơ tiếp nhận đến ngày 05/12/2026: 312 (tháng chưa kết thúc, chưa so sánh với tháng trước).'],
    en: ['Dossiers received up to 05/12/2026: 312 (the month is not over, not compared with the month before).'],
  },
  {
    name: 'a share of a month not yet over is compared, with a note',
    content: brief({ period: DEC, previous_period: NOV, figures: [figure({ month: '2026-12', partial: true })] }),
    kind: 'figure_change',
    vi: [
      'Tỷ lệ hồ sơ trực tuyến tăng 2,8 điểm % so với tháng trước, lên 84,2 % ' +
        '(chuyển biến tích cực; tháng chưa kết thúc).',
    ],
    en: [
      'Share of online dossiers rose by 2.8 pp from the month before, to 84.2 % ' +
        '(an improvement; the month is not over).',
    ],
  },
  {
    name: 'a withheld figure',
    content: brief({
      targets: statuses('met'),
      figures: [figure({ ...RECEIVED, measure: 'count', value: null, previous: 1234, suppressed: true })],
    }),
    kind: 'figure_change',
    vi: ['Số hồ sơ tiếp nhận: số liệu được ẩn để bảo vệ dữ liệu cá nhân.'],
    en: ['Dossiers received: withheld to protect personal data.'],
  },
  {
    name: 'a figure without data',
    content: brief({ targets: statuses('met'), figures: [figure({ value: null, previous: null })] }),
    kind: 'figure_change',
    vi: ['Tỷ lệ hồ sơ trực tuyến: chưa có số liệu.'],
    en: ['Share of online dossiers: no data yet.'],
  },
  {
    name: 'a figure without the month before',
    content: brief({ figures: [figure({ previous: null })] }),
    kind: 'figure_change',
    vi: ['Tỷ lệ hồ sơ trực tuyến: 84,2 %; chưa có số liệu tháng trước để so sánh.'],
    en: ['Share of online dossiers: 84.2 %; no figure for the month before to compare with.'],
  },
  {
    name: "a week's brief names the figure's month",
    content: brief({ period: WEEK48, figures: [figure()] }),
    kind: 'figure_change',
    vi: [
      'Tỷ lệ hồ sơ trực tuyến (tháng 11/2026) tăng 2,8 điểm % so với tháng trước, lên 84,2 % (chuyển biến tích cực).',
    ],
    en: ['Share of online dossiers (November 2026) rose by 2.8 pp from the month before, to 84.2 % (an improvement).'],
  },
  {
    name: 'at most 2 figures, the biggest moves first',
    content: brief({
      figures: [
        figure({ title_vi: 'A', title_en: 'A', value: 50.5, previous: 50 }), // 0.5 point
        figure({ title_vi: 'B', title_en: 'B', value: 53, previous: 50 }), // 3 points
        figure({ title_vi: 'C', title_en: 'C', measure: 'count', value: 110, previous: 100 }), // 10 %
        figure({ title_vi: 'D', title_en: 'D', measure: 'persons', value: 1002, previous: 1000 }), // 0.2 %
        figure({ title_vi: 'E', title_en: 'E', value: null, previous: 50, suppressed: true }),
      ],
    }),
    kind: 'figure_change',
    vi: [
      'C tăng 10 (10 %) so với tháng trước, lên 110 (chuyển biến tích cực).',
      'B tăng 3 điểm % so với tháng trước, lên 53 % (chuyển biến tích cực).',
    ],
    en: [
      'C rose by 10 (10 %) from the month before, to 110 (an improvement).',
      'B rose by 3 pp from the month before, to 53 % (an improvement).',
    ],
  },
  // ---- lagging ----
  {
    name: 'a district with 5 communes below target',
    content: brief({
      level: 'district',
      lagging: [
        ['A', 60],
        ['B', 85],
        ['C', 70],
        ['D', 80],
        ['E', 88],
      ]
        .map(([n, value]) => ({
          unit: String(n),
          name: `Xã ${n}`,
          indicator: 'pct_online_dossiers',
          ...ONLINE,
          measure: 'percent',
          value: Number(value),
          target: 90,
          comparator: '>=',
        }))
        // E is also far above a '<=' target: its worst gap (9 against ≤ 5) puts it first
        .concat({
          unit: 'E',
          name: 'Xã E',
          indicator: 'pct_late',
          ...LATE,
          measure: 'percent',
          value: 9,
          target: 5,
          comparator: '<=',
        }),
    }),
    kind: 'lagging',
    vi: ['5 xã chưa đạt mục tiêu ở ít nhất một chỉ tiêu: Xã E, Xã A, Xã C và 2 xã khác (xa mục tiêu nhất trước).'],
    en: [
      '5 communes are below target on at least one indicator: Xã E, Xã A, Xã C and 2 other communes ' +
        '(furthest behind first).',
    ],
  },
  {
    name: 'a province with one district below target',
    content: brief({
      level: 'province',
      lagging: [
        {
          unit: '291',
          name: 'Huyện Nam Đàn',
          indicator: 'x',
          ...ONLINE,
          measure: 'percent',
          value: 70,
          target: 90,
          comparator: '>=',
        },
      ],
    }),
    kind: 'lagging',
    vi: ['1 huyện chưa đạt mục tiêu ở ít nhất một chỉ tiêu: Huyện Nam Đàn.'],
    en: ['1 district is below target on at least one indicator: Huyện Nam Đàn.'],
  },
  // ---- index766 ----
  {
    name: 'the Decision 766 score, rising, with its biggest loss',
    content: brief({
      index766: {
        period: '2026-11',
        score: 78.45,
        previous: 76.3,
        losses: [
          { indicator: '2.1', lost: 1.5, text_vi: '2.1: 84,2 % hồ sơ đúng hạn, mất 1,5 điểm', text_en: '2.1: x' },
          { indicator: '2.2', lost: 1, text_vi: '2.2: y', text_en: '2.2: y' },
        ],
      },
    }),
    kind: 'index766',
    vi: [
      'Điểm Chỉ số 766 tháng 11/2026 đạt 78,45 điểm, tăng 2,15 điểm so với kỳ trước; ' +
        'mất nhiều điểm nhất ở tiêu chí 2.1 (1,5 điểm).',
    ],
    en: [
      'The Decision 766 score for November 2026 is 78.45 points, up 2.15 points on the period before; ' +
        'biggest loss at criterion 2.1 (1.5 points).',
    ],
  },
  {
    name: "a quarter's score, falling",
    content: brief({ period: Q4, index766: { period: '2026-Q4', score: 70, previous: 72.5, losses: [] } }),
    kind: 'index766',
    vi: ['Điểm Chỉ số 766 quý IV/2026 đạt 70 điểm, giảm 2,5 điểm so với kỳ trước.'],
    en: ['The Decision 766 score for Q4 2026 is 70 points, down 2.5 points on the period before.'],
  },
  {
    name: 'a score not computed',
    content: brief({
      targets: statuses('met'),
      index766: { period: '2026-11', score: null, previous: 70, losses: [] },
    }),
    kind: 'index766',
    vi: ['Chưa tính được điểm Chỉ số 766 tháng 11/2026 (chưa có số liệu).'],
    en: ['The Decision 766 score for November 2026 cannot be computed yet (no data).'],
  },
  // ---- no_data, partial_period ----
  {
    name: 'no data at all',
    content: brief(),
    kind: 'no_data',
    vi: ['Chưa có số liệu để tổng hợp tình hình của xã trong tháng 11/2026.'],
    en: ['There are no data yet to report on the commune for November 2026.'],
  },
  {
    name: 'targets and figures without any value',
    content: brief({
      targets: statuses('no_data', 'suppressed'),
      figures: [figure({ value: null, previous: null }), figure({ value: null, suppressed: true })],
    }),
    kind: 'no_data',
    vi: ['Chưa có số liệu để tổng hợp tình hình của xã trong tháng 11/2026.'],
    en: ['There are no data yet to report on the commune for November 2026.'],
  },
  {
    name: 'a period not over at the data date',
    content: brief({ period: DEC, previous_period: NOV, targets: statuses('met') }),
    kind: 'partial_period',
    vi: ['Số liệu đến ngày 05/12/2026; tháng 12/2026 chưa kết thúc.'],
    en: ['Data up to 05/12/2026; December 2026 is not over yet.'],
  },
  {
    name: 'a period the data have not reached',
    content: brief({ period: DEC, previous_period: NOV, data_date: '2026-11-30' }),
    kind: 'partial_period',
    vi: ['Chưa có số liệu của tháng 12/2026: số liệu mới đến ngày 30/11/2026.'],
    en: ['No data for December 2026 yet: the data end on 30/11/2026.'],
  },
  {
    name: 'a period over: no note',
    content: brief({ targets: statuses('met') }),
    kind: 'partial_period',
    vi: [],
    en: [],
  },
];

describe('brief sentences', () => {
  describe.each(['vi', 'en'] as const)('%s', (lang) => {
    it.each(CASES)('$name', (c) => {
      const got = sentences(c.content, lang)
        .filter((s) => s.kind === c.kind)
        .map((s) => s.text);
      expect(got).toEqual(c[lang]);
    });
  });

  it('with no data, nothing but the no-data sentence (and the data date)', () => {
    expect(sentences(brief(), 'vi').map((s) => s.kind)).toEqual(['no_data']);
    const dec = brief({ period: DEC, previous_period: NOV });
    expect(sentences(dec, 'en').map((s) => s.kind)).toEqual(['no_data', 'partial_period']);
  });

  it('a withheld figure never shows its number, nor the month before', () => {
    // as if the generator had been handed the withheld value: it must still print none
    const f = figure({ ...RECEIVED, measure: 'count', value: 37, previous: 1234, suppressed: true });
    for (const lang of ['vi', 'en'] as const) {
      const text = summarize(brief({ targets: statuses('met'), figures: [f] }), lang);
      expect(text).not.toMatch(/37/);
      expect(text).not.toMatch(/1[.,]?234/);
    }
  });

  it('a perturbed store reads the same (the disclosure note is the PDF’s, not the summary’s)', () => {
    const c = brief({ targets: statuses('met', 'at_risk'), figures: [figure()] });
    expect(summarize({ ...c, disclosure: 'cellkey' }, 'vi')).toBe(summarize(c, 'vi'));
    expect(summarize({ ...c, disclosure: 'cellkey' }, 'vi')).not.toMatch(/nhiễu/);
  });

  it('the summary is the sentences in order, joined', () => {
    const c = brief({
      targets: [
        target('A', { status: 'at_risk', previous_status: 'on_track', pace_needed: 1.5, forecast_at_deadline: 84.2 }),
        target('B', { status: 'at_risk', previous_status: 'at_risk', months_left: 2 }),
        target('C', { status: 'met', previous_status: 'met' }),
      ],
      figures: [figure({ year_high: true })],
    });
    expect(summarize(c, 'vi')).toBe(
      'Trong tháng 11/2026, xã có 3 chỉ tiêu: 1 đạt và 2 có nguy cơ. ' +
        '2 chỉ tiêu có nguy cơ không đạt: A và B. ' +
        'A: để đạt 90 % vào 31/12/2026 cần tăng bình quân 1,5 điểm % mỗi tháng; dự báo đến hạn đạt 84,2 %. ' +
        'So với tháng 10/2026, 1 chỉ tiêu xấu đi: A (từ đúng tiến độ sang có nguy cơ). ' +
        'Tỷ lệ hồ sơ trực tuyến tăng 2,8 điểm % so với tháng trước, lên 84,2 %, cao nhất từ đầu năm ' +
        '(chuyển biến tích cực).',
    );
  });

  it('never prints NaN, undefined, null, Infinity or a negative zero', () => {
    for (const c of CASES)
      for (const lang of ['vi', 'en'] as const) {
        const text = summarize(c.content, lang);
        expect(text, `${c.name} (${lang})`).not.toMatch(/NaN|undefined|null|Infinity|∞/);
        expect(text, `${c.name} (${lang})`).not.toMatch(/[-−]0(?![,.]\d)/);
        expect(text, `${c.name} (${lang})`).not.toMatch(/\s{2}|\s[.,;]/);
      }
  });
});

describe('brief formats', () => {
  it.each([
    [84.2, 'percent', '84,2 %', '84.2 %'],
    [90, 'percent', '90 %', '90 %'],
    [-0.04, 'percent', '0 %', '0 %'],
    [12345, 'persons', '12.345 người', '12,345 persons'],
    [1, 'persons', '1 người', '1 person'],
    [1234.5, 'count', '1.235', '1,235'],
    [3.25, 'days', '3,3 ngày', '3.3 days'],
    [78.456, 'points', '78,46 điểm', '78.46 points'],
    [1, 'milestone', 'Đã hoàn thành', 'Done'],
    [0, 'milestone', 'Chưa hoàn thành', 'Not done'],
    [null, 'percent', '—', '—'],
    [Number.NaN, 'percent', '—', '—'],
  ])('formatValue(%s, %s)', (value, measure, vi, en) => {
    expect(formatValue(value, measure, 'vi')).toBe(vi);
    expect(formatValue(value, measure, 'en')).toBe(en);
  });

  it.each([
    [2.8, 'percent', '+2,8 điểm %', '+2.8 pp'],
    [-2.75, 'percent', '−2,8 điểm %', '−2.8 pp'],
    [-0.04, 'percent', '0 điểm %', '0 pp'],
    [-120, 'persons', '−120 người', '−120 persons'],
    [-1, 'persons', '−1 người', '−1 person'],
    [1500, 'count', '+1.500', '+1,500'],
    [0, 'count', '0', '0'],
    [null, 'count', '—', '—'],
  ])('formatDelta(%s, %s)', (delta, measure, vi, en) => {
    expect(formatDelta(delta, measure, 'vi')).toBe(vi);
    expect(formatDelta(delta, measure, 'en')).toBe(en);
  });

  it('formatDate: day first in both languages', () => {
    expect(formatDate('2026-12-31', 'vi')).toBe('31/12/2026');
    expect(formatDate('2027-01-05', 'en')).toBe('05/01/2027');
  });

  it('statusText: the legend’s words', () => {
    expect(statusText('at_risk', 'vi')).toBe('Có nguy cơ');
    expect(statusText('on_track', 'vi')).toBe('Đúng tiến độ');
    expect(statusText('missed', 'en')).toBe('Missed');
  });

  it.each([
    [[], 3, '', ''],
    [['A'], 3, 'A', 'A'],
    [['A', 'B'], 3, 'A và B', 'A and B'],
    [['A', 'B', 'C'], 3, 'A, B và C', 'A, B and C'],
    [['A', 'B', 'C', 'D'], 3, 'A, B, C và D', 'A, B, C and D'],
    [['A', 'B', 'C', 'D', 'E'], 3, 'A, B, C và 2 chỉ tiêu khác', 'A, B, C and 2 other targets'],
    [['A', 'B', 'C', 'D', 'E'], 2, 'A, B và 3 chỉ tiêu khác', 'A, B and 3 other targets'],
  ] as const)('joinNames(%j, max %s)', (names, max, vi, en) => {
    expect(joinNames([...names], 'vi', NOUNS.target, max)).toBe(vi);
    expect(joinNames([...names], 'en', NOUNS.target, max)).toBe(en);
  });

  it('joinNames with another noun', () => {
    const names = ['Xã A', 'Xã B', 'Xã C', 'Xã D', 'Xã E', 'Xã F'];
    expect(joinNames(names, 'vi', NOUNS.commune)).toBe('Xã A, Xã B, Xã C và 3 xã khác');
    expect(joinNames(names, 'en', NOUNS.commune)).toBe('Xã A, Xã B, Xã C and 3 other communes');
  });
});

describe('brief sentence: follow-up of directives and tasks (issue 21)', () => {
  const directive = (id: number, title: string, office: string, due: string) =>
    ({ id, title, office_name: office, due }) as unknown as NonNullable<
      BriefContent['followup']
    >['overdue_directives'][0];
  const followup = (
    over: Partial<NonNullable<BriefContent['followup']>['counts']>,
    directives: ReturnType<typeof directive>[] = [],
  ): BriefContent['followup'] => ({
    unit: '29101',
    today: '2026-12-05',
    from: '2026-11-01',
    to: '2026-11-30',
    overdue_directives: directives,
    overdue_tasks: [],
    counts: { open_directives: 0, overdue_directives: 0, overdue_tasks: 0, issued: 0, done: 0, ...over },
  });
  const line = (c: BriefContent, lang: 'vi' | 'en') => sentences(c, lang).find((s) => s.kind === 'followup')?.text;

  it('says nothing when there is nothing to follow up, or when the brief predates follow-up', () => {
    expect(line(brief({ followup: followup({}) }), 'vi')).toBeUndefined();
    expect(line(brief(), 'vi')).toBeUndefined();
  });

  it('names the longest-overdue directive with its office and due date, and counts overdue tasks', () => {
    const c = brief({
      followup: followup({ open_directives: 3, overdue_directives: 2, overdue_tasks: 1 }, [
        directive(7, 'Rà soát hồ sơ trễ hạn', 'Bộ phận một cửa', '2026-11-20'),
        directive(4, 'Nâng tỷ lệ trực tuyến', 'Công an xã', '2026-11-02'),
      ]),
    });
    expect(line(c, 'vi')).toBe(
      '2 chỉ đạo và 1 nhiệm vụ quá hạn (lâu nhất: «Nâng tỷ lệ trực tuyến», giao Công an xã, hạn 02/11/2026).',
    );
    expect(line(c, 'en')).toBe(
      '2 directives and 1 task overdue (longest: "Nâng tỷ lệ trực tuyến", to Công an xã, due 02/11/2026).',
    );
  });

  it('counts the directives issued and done in the period', () => {
    const c = brief({ followup: followup({ issued: 1, done: 3 }) });
    expect(line(c, 'vi')).toBe('Trong kỳ đã giao 1 chỉ đạo, 3 chỉ đạo đã xong.');
    expect(line(c, 'en')).toBe('In the period 1 directive issued, 3 done.');
  });
});
