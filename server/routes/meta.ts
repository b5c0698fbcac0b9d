// The metadata every data answer carries: generated flag, data date, data version, threshold k, disclosure method.
import type { Meta } from '../contracts/common.ts';
import { domainDataDate, type Context } from '../context.ts';

export function answerMeta(ctx: Context, domain: string | null): Meta {
  return {
    generated: ctx.info.generated,
    data_date: domain ? domainDataDate(ctx.info, domain) : (Object.values(ctx.info.dataDates).sort().at(-1) ?? null),
    data_version: ctx.info.dataVersion,
    min_cell: ctx.config.minCell,
    disclosure: ctx.config.disclosure,
  };
}
