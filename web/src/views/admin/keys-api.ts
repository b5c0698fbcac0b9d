// The API keys of the admin screen "Khóa API" through the API (server/routes/keys.ts): the list, a new key (its
// token comes in that answer only) and revoking one. The types are the route's schemas (server/contracts/keys.ts).
import type { Static } from '@sinclair/typebox';
import type { ApiKeySchema, KeyCreateSchema } from '../../../../server/contracts/keys.ts';
import { get, post } from '../../api/client.ts';

export type AdminKey = Static<typeof ApiKeySchema>;
export type NewKey = Static<typeof KeyCreateSchema>;
export type KeyDomain = AdminKey['domains'][number];

/** The domains, in the order the form and the list show them (server/contracts/open-data.ts KEY_DOMAINS). */
export const DOMAINS: readonly KeyDomain[] = ['population', 'procedures', 'targets', 'index'];

export const fetchKeys = async (): Promise<AdminKey[]> =>
  ((await (await get('/api/admin/keys')).json()) as { keys: AdminKey[] }).keys;

export const createKey = (k: NewKey) => post<{ key: AdminKey; token: string }>('/api/admin/keys', k);

export const revokeKey = (id: string) => post<AdminKey>(`/api/admin/keys/${encodeURIComponent(id)}/revoke`);
