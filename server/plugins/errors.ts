// One error handler: clear 4xx messages in the caller's language (Vietnamese unless the request
// prefers English); 5xx answers never show SQL or a stack, the log keeps the context.
import fp from 'fastify-plugin';
import type { FastifyError, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import { PoolBusyError } from '../db/pool.ts';

export const prefersEnglish = (request: FastifyRequest): boolean =>
  /^en\b/i.test(String(request.headers['accept-language'] ?? '').trim());

const errorsPlugin: FastifyPluginAsync = async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const en = prefersEnglish(request);
    if (error instanceof HttpError) {
      if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
      return reply.code(error.statusCode).send({ statusCode: error.statusCode, error: error.code, message: en ? error.messageEn : error.messageVi });
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request';
      const details = error.validation.map((v) => `${where}${v.instancePath || ''} ${v.message ?? ''}`.trim()).join('; ');
      const message = en ? `Invalid request: ${details}` : `Yêu cầu không hợp lệ: ${details}`;
      return reply.code(400).send({ statusCode: 400, error: 'bad_request', message });
    }
    if (error instanceof PoolBusyError) {
      return reply.code(503).header('retry-after', '2').send({ statusCode: 503, error: 'busy', message: en ? error.message : 'Máy chủ đang bận, vui lòng thử lại sau giây lát.' });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      return reply.code(status).send({ statusCode: status, error: error.code ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send({ statusCode: 500, error: 'internal', message: en ? 'Internal server error.' : 'Lỗi máy chủ nội bộ.' });
  });
  app.setNotFoundHandler((request, reply) => {
    const en = prefersEnglish(request);
    reply.code(404).send({ statusCode: 404, error: 'not_found', message: en ? `No route ${request.method} ${request.url}` : `Không có đường dẫn ${request.method} ${request.url}` });
  });
};

export default fp(errorsPlugin, { name: 'errors' });
