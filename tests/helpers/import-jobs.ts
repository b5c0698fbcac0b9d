// Import jobs for tests that need one in a given state (the route samples of tests/api/authz.test.ts).
import type { FastifyInstance } from 'fastify';
import type { Signed } from './auth.ts';
import { multipartBody, sampleDossierCsv } from './route-samples.ts';

/** Waits for the active import to settle; a preview left waiting is discarded. */
export async function importsIdle(app: FastifyInstance): Promise<void> {
  const id = app.imports.running;
  if (!id) return;
  const job = await app.imports.settled(id);
  if (job?.status === 'preview') await app.imports.discard(id);
}

/** Uploads a one-dossier file of `unit` as `admin`; waits for its preview, or its commit when asked. */
export async function importJob(
  app: FastifyInstance,
  admin: Signed,
  unit: string,
  dossierId: string,
  state: 'preview' | 'done',
): Promise<string> {
  // one not used up yet (a refused caller leaves it as it was): reused, imports take a second each
  const mine = app.imports.list((j) => j.created_by === admin.username);
  const reuse = mine.find((j) => (state === 'preview' ? j.can_commit : j.can_undo));
  if (reuse && (state === 'done' || app.imports.running === reuse.id)) return reuse.id;
  await importsIdle(app);
  const m = multipartBody([[`dossiers-${dossierId}.csv`, sampleDossierCsv(unit, dossierId)]]);
  const res = await app.inject({
    method: 'POST',
    url: '/api/admin/imports',
    headers: { ...admin.headers, ...m.headers },
    payload: m.body,
  });
  if (res.statusCode !== 202) throw new Error(`import not started: ${res.statusCode} ${res.body}`);
  const id = res.json<{ id: string }>().id;
  const preview = await app.imports.settled(id);
  if (preview?.status !== 'preview' || !preview.can_commit)
    throw new Error(`import ${id} not ready: ${JSON.stringify(preview?.errors ?? preview?.message)}`);
  if (state === 'done') {
    app.imports.commit(id, { account: admin.username, role: 'admin', ip: null });
    const done = await app.imports.settled(id);
    if (done?.status !== 'done') throw new Error(`import ${id} not committed: ${done?.message}`);
  }
  return id;
}
