// Map glyphs: GET /fonts/:fontstack/:range (a range N-M.pbf) serves the glyph PBFs shipped in data/fonts, so labels
// (with Vietnamese diacritics) draw without any font server. Read once at start; they are small.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema } from '../contracts/common.ts';

const FONTS_DIR = fileURLToPath(new URL('../../data/fonts', import.meta.url));
const RANGE = /^(\d+)-(\d+)$/;

/** fontstack → range → bytes, from data/fonts/<fontstack>/<start>-<end>.pbf. */
function loadGlyphs(dir = FONTS_DIR): Map<string, Map<string, Buffer>> {
  const stacks = new Map<string, Map<string, Buffer>>();
  if (!existsSync(dir)) return stacks;
  for (const name of readdirSync(dir)) {
    const folder = join(dir, name);
    if (!statSync(folder).isDirectory()) continue;
    const ranges = new Map<string, Buffer>();
    for (const file of readdirSync(folder))
      if (file.endsWith('.pbf')) ranges.set(file.slice(0, -4), readFileSync(join(folder, file)));
    stacks.set(name, ranges);
  }
  return stacks;
}

export const fontRoutes: FastifyPluginAsyncTypebox<{ dir?: string }> = async (app, opts) => {
  const stacks = loadGlyphs(opts.dir);
  app.get(
    '/fonts/:fontstack/:range',
    {
      schema: {
        summary:
          'Map glyphs (SDF PBF) of a font stack for a range of 256 code points, ' +
          'e.g. /fonts/Noto Sans Regular/7680-7935.pbf',
        tags: ['map'],
        params: Type.Object({
          fontstack: Type.String({ maxLength: 200 }),
          range: Type.String({ pattern: '^\\d+-\\d+\\.pbf$' }),
        }),
        response: {
          200: {
            description: 'glyphs.proto',
            content: {
              'application/x-protobuf': { schema: Type.Unsafe<string>({ type: 'string', format: 'binary' }) },
            },
          },
          400: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const range = request.params.range.slice(0, -4);
      const [, start, end] = RANGE.exec(range) ?? [];
      if (Number(start) % 256 !== 0 || Number(end) !== Number(start) + 255) {
        return reply
          .code(400)
          .send({ statusCode: 400, error: 'Bad Request', message: `range must be N*256-(N*256+255), not ${range}` });
      }
      // A comma list is a fallback chain (MapLibre asks for the whole stack): the first shipped font answers.
      const stack = request.params.fontstack
        .split(',')
        .map((s) => s.trim())
        .find((s) => stacks.has(s));
      if (!stack)
        return reply.code(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: `no glyphs for font stack ${request.params.fontstack}`,
        });
      reply.header('cache-control', 'public, max-age=86400').type('application/x-protobuf');
      // A range we do not ship is an empty glyph set: the label draws without those characters instead of failing.
      return reply.send(stacks.get(stack)!.get(range) ?? Buffer.alloc(0));
    },
  );
};
