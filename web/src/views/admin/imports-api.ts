// The imports of the admin screen "Nhập dữ liệu" through the API (server/routes/imports.ts): the upload as
// multipart/form-data with the session's CSRF token (XMLHttpRequest in the browser, for its progress in
// bytes; fetch elsewhere), one import followed until it settles, the history, commit, undo and discard. The
// types are the route's schemas (server/contracts/imports.ts).
import type { Static } from '@sinclair/typebox';
import type {
  ImportErrorSchema,
  ImportFileSchema,
  ImportJobSchema,
  ImportListSchema,
  ImportPreviewFileSchema,
  ImportPreviewSchema,
  ImportProgressSchema,
  ImportStatus,
} from '../../../../server/contracts/imports.ts';
import { ApiError, check, get, send, writeHeaders } from '../../api/client.ts';

export type ImportJob = Static<typeof ImportJobSchema>;
export type { ImportStatus };
export type ImportFile = Static<typeof ImportFileSchema>;
export type ImportProgress = Static<typeof ImportProgressSchema>;
export type ImportPreview = Static<typeof ImportPreviewSchema>;
export type ImportFilePreview = Static<typeof ImportPreviewFileSchema>;
export type ImportErrorRow = Static<typeof ImportErrorSchema>;
export type ImportList = Static<typeof ImportListSchema>;
export type MonthRange = NonNullable<ImportPreview['months']>;

export const IMPORTS_PATH = '/api/admin/imports';
const jobPath = (id: string) => `${IMPORTS_PATH}/${encodeURIComponent(id)}`;

/** An import whose server side is still working: it is read again until it leaves these. */
export const isActive = (status: ImportStatus): boolean => status === 'validating' || status === 'loading';

export const fetchImports = async (): Promise<ImportList> => (await (await get(IMPORTS_PATH)).json()) as ImportList;
export const fetchImport = async (id: string): Promise<ImportJob> =>
  (await (await get(jobPath(id))).json()) as ImportJob;
export const commitImport = async (id: string): Promise<ImportJob> =>
  (await (await send('POST', `${jobPath(id)}/commit`)).json()) as ImportJob;
export const undoImport = async (id: string): Promise<ImportJob> =>
  (await (await send('POST', `${jobPath(id)}/undo`)).json()) as ImportJob;
export const discardImport = async (id: string): Promise<void> => void (await send('DELETE', jobPath(id)));
/** The errors of an import as CSV (UTF-8 with BOM): file, sheet, line, column, reason. */
export const errorsCsvUrl = (id: string): string => `${jobPath(id)}/errors.csv`;

export interface UploadProgress {
  loaded: number;
  /** 0 while unknown */
  total: number;
}
export interface UploadOptions {
  /** YYYY-MM-DD: the date the data describe, when it is not today */
  dataDate?: string;
  onProgress?: (p: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Thrown when the connection broke during an upload (no answer from the server). */
export class UploadNetworkError extends Error {}

/** Sends the files (parts named `files`) and starts an import; answers its id and first status (202). */
export async function uploadImport(files: readonly File[], opts: UploadOptions = {}): Promise<ImportJob['id']> {
  const form = new FormData();
  // the text field first: a streaming multipart reader meets it before the files
  if (opts.dataDate) form.append('data_date', opts.dataDate);
  for (const f of files) form.append('files', f, f.name);
  const res =
    typeof XMLHttpRequest === 'undefined'
      ? await fetch(IMPORTS_PATH, { method: 'POST', headers: writeHeaders(), body: form, signal: opts.signal })
      : await xhrPost(IMPORTS_PATH, form, opts);
  const body = (await (await check(IMPORTS_PATH, res)).json()) as { id: string; status: ImportStatus };
  return body.id;
}

/** POST through XMLHttpRequest, whose upload reports bytes sent; the answer as a fetch Response. */
function xhrPost(path: string, form: FormData, opts: UploadOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(writeHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => {
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      const headers = { 'content-type': xhr.getResponseHeader('content-type') ?? 'text/plain' };
      resolve(
        new Response(empty ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }),
      );
    };
    xhr.onerror = () => reject(new UploadNetworkError('network'));
    xhr.onabort = () => reject(new DOMException('The upload was stopped', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** How often a working import is read again (ms). */
export const POLL_MS = 500;
/** Failed reads in a row before following gives up (5xx, e.g. 503 under load, or a dropped connection). */
export const POLL_TRIES = 3;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Reads an import every `every` ms while it is validating or loading, handing each answer to `onUpdate`;
 * resolves with the settled import (preview, done, failed, undone, discarded), or null once `signal` aborts.
 */
export async function followImport(
  id: string,
  onUpdate: (job: ImportJob) => void,
  {
    signal,
    every = POLL_MS,
    load = fetchImport,
  }: { signal?: AbortSignal; every?: number; load?: typeof fetchImport } = {},
): Promise<ImportJob | null> {
  let failures = 0;
  while (!signal?.aborted) {
    let job: ImportJob;
    try {
      job = await load(id);
      failures = 0;
    } catch (err) {
      // a refusal or an unknown import does not change by asking again
      const final = err instanceof ApiError && err.status < 500;
      if (final || ++failures >= POLL_TRIES || signal?.aborted) throw err;
      await sleep(every * 2, signal);
      continue;
    }
    if (signal?.aborted) break;
    onUpdate(job);
    if (!isActive(job.status)) return job;
    await sleep(every, signal);
  }
  return null;
}
