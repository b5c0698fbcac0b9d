// One error handler: clear 4xx messages in the caller's language (Vietnamese unless the request
// prefers English); 5xx answers never show SQL or a stack, the log keeps the context.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpError, badRequest } from '../errors.ts';
import { PoolBusyError } from '../db/pool.ts';

export const prefersEnglish = (request: FastifyRequest): boolean =>
  /^en\b/i.test(String(request.headers['accept-language'] ?? '').trim());

/**
 * Where a request value holds what no route takes, or null: a number that is not finite ("/age_min"),
 * or text that is not well-formed Unicode (a lone surrogate such as "\ud800", in a value or a key: the
 * store refuses it and a spreadsheet shows garbage). Iterative: a body may nest deep.
 */
export function badValue(value: unknown): { at: string; problem: 'number' | 'text' } | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'number' && !Number.isFinite(v)) return { at: path || '/', problem: 'number' };
    if (typeof v === 'string' && !v.isWellFormed()) return { at: path || '/', problem: 'text' };
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (!k.isWellFormed()) return { at: path || '/', problem: 'text' };
        stack.push([x, `${path}/${k}`]);
      }
    }
  }
  return null;
}

const errorsPlugin: FastifyPluginAsync = async (app) => {
  // Ajv turns "Infinity" (or 1e400) into a number and then skips minimum and maximum for it: such a
  // value would reach a handler (and SQL) unchecked, so no route takes one. Nor text with a lone
  // surrogate: every text a route takes (titles, names, parameters, events) is well-formed Unicode.
  app.addHook('preHandler', async (request) => {
    for (const [where, value] of [
      ['querystring', request.query],
      ['params', request.params],
      ['body', request.body],
    ] as const) {
      const bad = badValue(value);
      if (bad?.problem === 'number')
        throw badRequest(
          `Yêu cầu không hợp lệ: ${where}${bad.at} phải là một số hữu hạn.`,
          `Invalid request: ${where}${bad.at} must be a finite number.`,
        );
      if (bad)
        throw badRequest(
          `Yêu cầu không hợp lệ: ${where}${bad.at} chứa ký tự Unicode hỏng (nửa cặp thay thế).`,
          `Invalid request: ${where}${bad.at} holds malformed Unicode (a lone surrogate).`,
        );
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const en = prefersEnglish(request);
    if (error instanceof HttpError) {
      if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
      return reply
        .code(error.statusCode)
        .send({ statusCode: error.statusCode, error: error.code, message: en ? error.messageEn : error.messageVi });
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      const details = error.validation
        .map((v) => `${where}${v.instancePath || ''} ${v.message ?? ''}`.trim())
        .join('; ');
      const message = en ? `Invalid request: ${details}` : `Yêu cầu không hợp lệ: ${details}`;
      return reply.code(400).send({ statusCode: 400, error: 'bad_request', message });
    }
    if (error instanceof PoolBusyError) {
      return reply
        .code(503)
        .header('retry-after', '2')
        .send({
          statusCode: 503,
          error: 'busy',
          message: en ? error.message : 'Máy chủ đang bận, vui lòng thử lại sau giây lát.',
        });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      return reply
        .code(status)
        .send({ statusCode: status, error: error.code ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply
      .code(500)
      .send({ statusCode: 500, error: 'internal', message: en ? 'Internal server error.' : 'Lỗi máy chủ nội bộ.' });
  });
  app.setNotFoundHandler((request, reply) => {
    const en = prefersEnglish(request);
    reply.code(404).send({
      statusCode: 404,
      error: 'not_found',
      message: en ? `No route ${request.method} ${request.url}` : `Không có đường dẫn ${request.method} ${request.url}`,
    });
  });
};

export default fp(errorsPlugin, { name: 'errors' });
