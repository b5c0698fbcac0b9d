// Offices, office members and tasks for tests of direction and follow-up (issue 21), written straight into the
// imported tables (offices, office_accounts, tasks, task_offices of data/pipeline/schema.sql) as the importer
// would: whether the demo store already holds the demo offices or not, a test gets the ones it names.
import type { Context } from '../../server/context.ts';

export interface TestOffice {
  office_id: string;
  unit_id: string;
  name: string;
}

const run = (ctx: Context, sql: string, values: Record<string, string | number | null> = {}) =>
  ctx.pool.use(async (c) => void (await c.run(sql, values)));

/** Offices (kept as they are when there) and the accounts that belong to them (moved to them when elsewhere). */
export async function ensureOffices(
  ctx: Context,
  offices: TestOffice[],
  members: [username: string, office: string][] = [],
): Promise<void> {
  for (const o of offices)
    await run(ctx, `INSERT INTO offices VALUES ($id, $unit, $name, NULL) ON CONFLICT DO NOTHING`, {
      id: o.office_id,
      unit: o.unit_id,
      name: o.name,
    });
  for (const [username, office] of members) {
    await run(ctx, `DELETE FROM office_accounts WHERE username = $u`, { u: username });
    await run(ctx, `INSERT INTO office_accounts VALUES ($u, $o)`, { u: username, o: office });
  }
}

export interface TestTask {
  unit_id: string;
  task_id: string;
  section?: string;
  title_vi?: string;
  lead: TestOffice[];
  partners?: (TestOffice | string)[];
  deadline?: string | null;
  targets?: string[];
}

/** A task of the plan with its offices (replacing one of the same id). */
export async function ensureTask(ctx: Context, t: TestTask): Promise<string> {
  const names = (list: (TestOffice | string)[]) =>
    list.length ? list.map((o) => (typeof o === 'string' ? o : o.name)).join('; ') : null;
  await run(ctx, `DELETE FROM task_offices WHERE unit_id = $u AND task_id = $t`, { u: t.unit_id, t: t.task_id });
  await run(ctx, `DELETE FROM tasks WHERE unit_id = $u AND task_id = $t`, { u: t.unit_id, t: t.task_id });
  await run(
    ctx,
    `INSERT INTO tasks VALUES ($u, $t, $section, $title, NULL, $lead, $partners, NULL, $deadline::DATE,
       $targets::VARCHAR[], NULL)`,
    {
      u: t.unit_id,
      t: t.task_id,
      section: t.section ?? 'III.9.z',
      title: t.title_vi ?? `Nhiệm vụ thử ${t.task_id}`,
      lead: names(t.lead),
      partners: names(t.partners ?? []),
      deadline: t.deadline ?? null,
      targets: JSON.stringify(t.targets ?? []),
    },
  );
  for (const [role, list] of [
    ['lead', t.lead],
    ['partner', t.partners ?? []],
  ] as const)
    for (const [i, o] of list.entries())
      await run(ctx, `INSERT INTO task_offices VALUES ($u, $t, $role, $pos, $office, $name)`, {
        u: t.unit_id,
        t: t.task_id,
        role,
        pos: i + 1,
        office: typeof o === 'string' ? null : o.office_id,
        name: typeof o === 'string' ? o : o.name,
      });
  return `${t.unit_id}.${t.task_id}`;
}
