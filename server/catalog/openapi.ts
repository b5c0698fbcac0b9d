// The OpenAPI description of how machine clients authenticate (server/app.ts's swagger options): the bearer
// scheme of API keys beside the session cookie, and on every route a key may call (route config `keys`) that
// scheme with an example request. Integrators read it at /docs; docs/integration.md says the same in prose.
import type { FastifySchema, RouteOptions } from 'fastify';
import { SESSION_COOKIE } from '../auth/plugin.ts';

/** components.securitySchemes: the API key (Bearer) and the signed-in browser's session cookie. */
export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'ioc06_<id>_<secret>',
    description:
      'An API key made by an administrator (Tài khoản → Khóa API): `Authorization: Bearer ioc06_<id>_<secret>`. ' +
      'Read-only, limited to its units and domains (population, procedures, targets, index), rate-limited per key ' +
      '(429 with Retry-After). Missing, wrong, expired or revoked: 401; a route or domain it may not read: 403.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session of a person signed in through POST /api/auth/login (the web app).',
  },
} as const;

/** An example request of each route keys may call (unit 10633 is Xã Nam Trung in the demo; $IOC_URL the server). */
const EXAMPLES: Record<string, string> = {
  '/api/catalog': '/api/catalog',
  '/api/units': '/api/units',
  '/api/indicators/:id': '/api/indicators/pct_resolved_on_time?unit=10633&from=2025-01&to=2025-12&by=month',
  '/api/targets': '/api/targets?unit=10633',
  '/api/index766': '/api/index766?unit=10633&period=2025',
  '/api/population/pyramid': '/api/population/pyramid?unit=10633&month=2025-12',
  '/api/bulk/:dataset': '/api/bulk/population_cube?format=parquet&unit=10633&from=2025-01&to=2025-12',
  '/api/bulk/:dataset/metadata': '/api/bulk/population_cube/metadata',
};

/** The curl line of a route's example, or null when the route has none. */
export function keyExample(url: string): string | null {
  const path = EXAMPLES[url];
  if (!path) return null;
  const out = url.startsWith('/api/bulk/:dataset') && !url.endsWith('/metadata') ? ' -o population_cube.parquet' : '';
  return `curl -H "Authorization: Bearer $IOC_KEY"${out} "$IOC_URL${path}"`;
}

type Transform = (args: { schema: FastifySchema; url: string; route: RouteOptions }) => {
  schema: FastifySchema;
  url: string;
};

/**
 * swagger's transform: a route with config `keys` takes the key or the session, and its description ends with an
 * example; every other route says nothing (the session is the only way in, as the description of the API says).
 */
export const keySecurity: Transform = ({ schema, url, route }) => {
  if (!route.config?.keys || !schema) return { schema, url };
  const s = schema as FastifySchema & { description?: string };
  const example = keyExample(url);
  const rule = route.config.keys;
  const which =
    rule === 'any' ? '' : typeof rule === 'string' ? ` with the domain ${rule}` : ' with the domain of what it reads';
  const note = `API keys${which} may call this route (Authorization: Bearer …).`;
  return {
    url,
    schema: {
      ...s,
      security: [{ apiKey: [] }, { session: [] }],
      description: [s.description, note, example ? `Example:\n\n    ${example}` : null].filter(Boolean).join('\n\n'),
    },
  };
};
