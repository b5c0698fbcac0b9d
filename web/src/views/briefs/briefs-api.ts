// The leader's briefs through the API (server/routes/briefs.ts) for the screen "Báo cáo định kỳ"
// (views/Briefs.tsx): the briefs kept, one made now, the schedules (subscribe, pause, resume, cancel) and,
// for administrators, the e-mail deliveries and their retry. Types are the contract's (server/contracts/briefs.ts).
import type { Static } from '@sinclair/typebox';
import type {
  BriefSummary,
  Delivery,
  PeriodKind,
  Schedule,
  ScheduleCreateSchema,
} from '../../../../server/contracts/briefs.ts';
import { get, post, send } from '../../api/client.ts';

export type { BriefSummary, Delivery, PeriodKind, Schedule };
export type ScheduleCreate = Static<typeof ScheduleCreateSchema>;
export type BriefLang = BriefSummary['lang'];

/** The kinds of period a brief covers, in the order the forms offer them. */
export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter'];

const BRIEFS = '/api/briefs';
const json = async <T>(path: string): Promise<T> => (await get(path)).json() as Promise<T>;

/** Where a brief's PDF is read (GET /api/briefs/:id.pdf): shown in the browser, or saved with `download`. */
export const briefPdfUrl = (id: string, download = false): string =>
  `${BRIEFS}/${encodeURIComponent(id)}.pdf${download ? '?download=1' : ''}`;

/** The briefs the account may read, newest first; of one unit when `unit` is given. */
export async function fetchBriefs(unit?: string): Promise<BriefSummary[]> {
  const q = unit ? `?${new URLSearchParams({ unit })}` : '';
  return (await json<{ briefs: BriefSummary[] }>(`${BRIEFS}${q}`)).briefs;
}

/** Makes a brief now (the last complete period unless `period` says which); may take several seconds. */
export const createBrief = (body: { unit: string; kind: PeriodKind; lang: BriefLang; period?: string }) =>
  post<BriefSummary>(BRIEFS, body);

export const fetchSchedules = async (): Promise<Schedule[]> =>
  (await json<{ schedules: Schedule[] }>(`${BRIEFS}/schedules`)).schedules;

export const createSchedule = (body: ScheduleCreate) => post<Schedule>(`${BRIEFS}/schedules`, body);

const schedulePath = (id: string) => `${BRIEFS}/schedules/${encodeURIComponent(id)}`;

/** Pauses (false) or resumes (true) a schedule. */
export const setScheduleActive = async (id: string, active: boolean): Promise<Schedule> =>
  (await (await send('PATCH', schedulePath(id), { active })).json()) as Schedule;

/** Cancels a subscription (204). */
export const deleteSchedule = async (id: string): Promise<void> => {
  await send('DELETE', schedulePath(id));
};

/** Administrators: the e-mail deliveries of their units' briefs. */
export const fetchDeliveries = async (): Promise<Delivery[]> =>
  (await json<{ deliveries: Delivery[] }>(`${BRIEFS}/deliveries`)).deliveries;

/** Administrators: tries a failed delivery again now. */
export const retryDelivery = (id: string) => post<Delivery>(`${BRIEFS}/deliveries/${encodeURIComponent(id)}/retry`);
