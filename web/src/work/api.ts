// The browser's client for the work routes (server/routes/work.ts): the plan's tasks, directives, comments and
// offices. Used by the screen "Nhiệm vụ" (views/Tasks.tsx) and the directive and comment panels (web/src/work/).
// Types are the contract's (server/contracts/work.ts); every change goes through client.ts (CSRF, language).
import type { Static } from '@sinclair/typebox';
import type {
  Comment,
  CommentCreate,
  CommentsAnswer,
  CommentWithdrawSchema,
  Directive,
  DirectiveCreate,
  DirectivesAnswer,
  DirectiveStatus,
  DirectiveUpdate,
  Office,
  Task,
  TaskCreate,
  TaskPatch,
  TasksAnswer,
  TaskStatus,
} from '../../../server/contracts/work.ts';
import { get, post, send } from '../api/client.ts';

export type * from '../../../server/contracts/work.ts';
export type CommentWithdraw = Static<typeof CommentWithdrawSchema>;
export { TEXT_LIMITS } from '../../../server/contracts/work.ts';

/** GET /api/tasks's filters (all optional: the account's unit and all its tasks by default). */
export interface TasksQuery {
  unit?: string;
  office?: string;
  status?: TaskStatus;
  mine?: boolean;
  lang?: 'vi' | 'en';
}

/** GET /api/directives's filters. */
export interface DirectivesQuery {
  unit?: string;
  office?: string;
  status?: DirectiveStatus;
  overdue?: boolean;
  open?: boolean;
  mine?: boolean;
  indicator?: string;
  target?: string;
}

/** GET /api/comments: the comments of one view (its query string), or the latest of a unit and below. */
export type CommentsQuery = { view: string; unit?: undefined } | { unit: string; view?: undefined };

const json = async <T>(path: string): Promise<T> => (await get(path)).json() as Promise<T>;

/** A query string from the set values only (booleans as true; false and empty left out). */
export function queryString(params: Record<string, string | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === false || v === '') continue;
    q.set(k, v === true ? 'true' : v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

// ---- tasks ----

/** The plan's tasks the account sees, with the offices behind on targets and the counts by status. */
export const fetchTasks = (q: TasksQuery = {}): Promise<TasksAnswer> =>
  json<TasksAnswer>(`/api/tasks${queryString({ ...q })}`);

/** An admin adds a task to a unit of their scope (201). */
export const createTask = (body: TaskCreate): Promise<Task> => post<Task>('/api/tasks', body);

/** Status, progress, a note, or (an admin, with a reason) the task's fields; id is `<unit_id>.<task_id>`. */
export const updateTask = async (id: string, body: TaskPatch): Promise<Task> =>
  (await (await send('PATCH', `/api/tasks/${enc(id)}`, body)).json()) as Task;

// ---- directives ----

export const fetchDirectives = (q: DirectivesQuery = {}): Promise<DirectivesAnswer> =>
  json<DirectivesAnswer>(`/api/directives${queryString({ ...q })}`);

/** A leader issues a directive to an office (201). */
export const createDirective = (body: DirectiveCreate): Promise<Directive> => post<Directive>('/api/directives', body);

/** acknowledge, progress (with progress and a note), done, accept, reopen and withdraw (with a note: the reason). */
export const updateDirective = (id: number, body: DirectiveUpdate): Promise<Directive> =>
  post<Directive>(`/api/directives/${enc(String(id))}/updates`, body);

// ---- comments ----

export function fetchComments(q: CommentsQuery): Promise<CommentsAnswer> {
  return json<CommentsAnswer>(
    `/api/comments${queryString(q.view !== undefined ? { view: q.view } : { unit: q.unit })}`,
  );
}

export const createComment = (body: CommentCreate): Promise<Comment> => post<Comment>('/api/comments', body);

export const withdrawComment = (id: number, reason: string): Promise<Comment> =>
  post<Comment>(`/api/comments/${enc(String(id))}/withdraw`, { reason } satisfies CommentWithdraw);

// ---- offices ----

/** The offices the account may address (the directive form), of a unit or of the account's scope. */
export async function fetchOffices(unit?: string): Promise<Office[]> {
  return (await json<{ offices: Office[] }>(`/api/offices${queryString({ unit })}`)).offices;
}
