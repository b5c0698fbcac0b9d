// The validator of a bulk download (server/routes/bulk.ts): a strong ETag made of everything its bytes depend on,
// known before any query, so that a nightly harvester's If-None-Match is answered 304 at once. The data version
// changes with every import, undo (data/pipeline/import/meta.ts bumpStoreMeta) and applied batch of live events
// (data/pipeline/events/apply.ts): every change of the store's rows, units or targets.
import { createHash } from 'node:crypto';
import type { Context } from '../context.ts';
import type { Scope } from '../auth/scope.ts';
import type { Registry } from '../registry/index.ts';
import type { BulkFormat } from '../contracts/open-data.ts';

/** Bumped when the files' layout changes (columns, writers): the same data then gives new bytes. */
export const BULK_LAYOUT = 1;

const registryPrints = new WeakMap<Registry, string>();
/** The registry's definitions (statements and headers) as one hash: it changes only with a restart. */
export function registryPrint(registry: Registry): string {
  let print = registryPrints.get(registry);
  if (!print) {
    const h = createHash('sha256');
    for (const d of registry.list()) h.update(JSON.stringify([d.id, d.domain, d.sql, d.meta]));
    registryPrints.set(registry, (print = h.digest('hex')));
  }
  return print;
}

const scopePrints = new WeakMap<Scope, string>();
/** The units a scope reads in detail and as totals, as one hash (scopes are shared objects: computed once each). */
export function scopePrint(scope: Scope): string {
  let print = scopePrints.get(scope);
  if (!print) {
    const h = createHash('sha256');
    h.update([...scope].sort().join(','));
    h.update('|');
    h.update([...scope.aggregates].sort().join(','));
    scopePrints.set(scope, (print = h.digest('hex')));
  }
  return print;
}

export interface EtagInput {
  dataset: string;
  format: BulkFormat | 'metadata';
  from: string;
  to: string;
  roots: string[];
  scope: Scope;
}

/** The download's ETag (quoted, strong). */
export function bulkEtag(ctx: Context, q: EtagInput): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify([
      BULK_LAYOUT,
      q.dataset,
      q.format,
      q.from,
      q.to,
      [...q.roots].sort(),
      scopePrint(q.scope),
      ctx.info.dataVersion,
      ctx.indicators.method,
      ctx.indicators.minCell,
      registryPrint(ctx.registry),
    ]),
  );
  return `"${h.digest('base64url').slice(0, 32)}"`;
}

/** Whether an If-None-Match header names the ETag (or is *); weak tags compare by their value (RFC 9110 §13.1.2). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
