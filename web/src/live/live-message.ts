// Reads the `changes` messages of GET /api/live (server/contracts/events.ts): the JSON is kept
// only in the contract's shape, and a malformed change, alert or work item is dropped, not the whole message.
// A message without `work` (a server before issue 21) reads as one with none.
// Pure; tested in tests/unit/web-live-message.test.ts.
import type { LiveAlert, LiveChange, LiveMessage } from '../../../server/contracts/events.ts';
import type { LiveWork } from '../../../server/contracts/work.ts';

export type { LiveAlert, LiveChange, LiveMessage, LiveWork };

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isValue = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

function readChange(v: unknown): LiveChange | null {
  if (!isObject(v) || !isText(v.unit) || !isText(v.indicator) || typeof v.period !== 'string') return null;
  if (!isValue(v.value) || !isValue(v.previous ?? null)) return null;
  return {
    unit: v.unit,
    indicator: v.indicator,
    period: v.period,
    value: v.value,
    previous: (v.previous ?? null) as number | null,
    suppressed: v.suppressed === true,
  };
}

function readAlert(v: unknown): LiveAlert | null {
  if (!isObject(v) || !isText(v.unit) || !isText(v.target_id) || !isText(v.status)) return null;
  return {
    unit: v.unit,
    unit_name: typeof v.unit_name === 'string' && v.unit_name ? v.unit_name : v.unit,
    target_id: v.target_id,
    indicator: typeof v.indicator === 'string' ? v.indicator : '',
    status: v.status,
    previous_status: typeof v.previous_status === 'string' ? v.previous_status : '',
    value: isValue(v.value) ? v.value : null,
  };
}

const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function readWork(v: unknown): LiveWork | null {
  if (!isObject(v) || (v.kind !== 'directive' && v.kind !== 'task')) return null;
  if (!isText(v.id) || !isText(v.unit) || !isText(v.status) || typeof v.title !== 'string') return null;
  return {
    kind: v.kind,
    id: v.id,
    unit: v.unit,
    unit_name: typeof v.unit_name === 'string' && v.unit_name ? v.unit_name : v.unit,
    office_id: textOrNull(v.office_id),
    office_name: textOrNull(v.office_name),
    title: v.title,
    status: v.status,
    previous_status: textOrNull(v.previous_status),
    overdue: v.overdue === true,
    by_name: typeof v.by_name === 'string' ? v.by_name : '',
  };
}

const list = <T>(v: unknown, read: (x: unknown) => T | null): T[] =>
  Array.isArray(v) ? v.map(read).filter((x): x is T => x !== null) : [];

/** A `changes` message from its data, or null when it is not JSON or has no valid `at` time. */
export function parseLiveMessage(data: string): LiveMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isObject(raw) || !isText(raw.at) || Number.isNaN(Date.parse(raw.at))) return null;
  return {
    at: raw.at,
    batches: Array.isArray(raw.batches) ? raw.batches.filter((b): b is number => Number.isInteger(b)) : [],
    data_version: Number.isInteger(raw.data_version) ? (raw.data_version as number) : 0,
    data_date: typeof raw.data_date === 'string' ? raw.data_date : '',
    changes: list(raw.changes, readChange),
    alerts: list(raw.alerts, readAlert),
    work: list(raw.work, readWork),
  };
}
