// Request errors with a message in Vietnamese and English; the error handler picks the user's language.
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    /** seconds the client should wait before trying again (429, 503) */
    readonly retryAfter?: number,
  ) {
    super(messageEn);
  }
}

export const notFound = (vi: string, en: string) => new HttpError(404, 'not_found', vi, en);
export const badRequest = (vi: string, en: string) => new HttpError(400, 'bad_request', vi, en);
export const forbidden = (vi: string, en: string) => new HttpError(403, 'forbidden', vi, en);
