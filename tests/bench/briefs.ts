// npm run bench -- briefs: the leader's brief (issue 19): the time to make one brief and the briefs of the 19 communes
// and the district one after another, as the scheduler makes them (< 1 minute for all on this machine with Chromium
// already running), and the size and pages of their PDFs. Opens a copy of the demo store the app uses
// (data/ioc.duckdb, or IOC_BENCH_DB; a new demo store is built in the temporary folder when there is none): the briefs
// it makes are kept in the copy, never in the demo store. Builds the app (buildApp, IOC_BRIEFS off: no scheduler),
// makes one brief to start Chromium, then times BriefService.make (app.briefs): one commune's brief of the last month
// several times, all 19 communes and the district in Vietnamese, then all of them again in English. The answer caches
// are off by default (IOC_BENCH_CACHE sets them), so every brief reads DuckDB. Prints a Markdown table.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.ts';
import { gatherBrief } from '../../server/briefs/content.ts';
import { BRIEF_MARGIN, briefFooter, briefHtml } from '../../server/briefs/html.ts';
import { previousPeriod, reportedPeriod } from '../../server/briefs/slots.ts';
import { summarize } from '../../server/briefs/text.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext } from '../../server/context.ts';
import { ensureDemoStore } from '../../server/demo.ts';
import { acquireRenderer } from '../../server/export/render.ts';

const SOURCE = process.env.IOC_BENCH_DB ?? 'data/ioc.duckdb';
const DISTRICT = process.env.IOC_BENCH_DISTRICT ?? '291';
const RUNS = Number(process.env.IOC_BENCH_RUNS ?? 7);
const CACHE = process.env.IOC_BENCH_CACHE ?? '0';
const ACCOUNT = 'bench';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const ms = (x: number) => x.toFixed(0);
const spread = (xs: number[], f: (x: number) => string) =>
  `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

/** This process's descendants (Chromium and its helpers), from /proc. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // the command may hold spaces and parentheses: the fields after the last ')' are fixed
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent)
      if (ppid === pid) {
        out.push(child);
        walk(child);
      }
  };
  walk(root);
  return out;
}

/** Sum of RSS and of PSS (shared pages divided among their sharers) of some processes, in bytes. */
function memoryOf(pids: number[]): { rss: number; pss: number } {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    try {
      const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
      rss += kb('Rss');
      pss += kb('Pss');
    } catch {
      // gone meanwhile
    }
  }
  return { rss, pss };
}

/** The pages of a PDF, by pdfinfo (poppler-utils); NaN when pdfinfo is missing. */
function pages(file: string): number {
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

export async function runBriefsBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ioc-bench-briefs-'));
  const db = join(dir, 'ioc.duckdb');
  const env: Record<string, string | undefined> = {
    ...process.env,
    IOC_DB: db,
    IOC_DEMO: 'true',
    IOC_DEMO_DIR: join(dir, 'demo'),
    IOC_IMPORT_DIR: join(dir, 'imports'),
    IOC_BRIEFS: 'false',
    IOC_CACHE: CACHE,
    LOG_LEVEL: 'warn',
  };
  // no mail, no inbox: only the briefs are timed
  delete env.IOC_SMTP_URL;
  delete env.IOC_INBOX;
  const config = { ...loadConfig(env), port: 0 };
  if (existsSync(SOURCE)) {
    copyFileSync(SOURCE, db);
    if (existsSync(`${SOURCE}.wal`)) copyFileSync(`${SOURCE}.wal`, `${db}.wal`);
    console.log(`store: a copy of ${SOURCE} in ${dir}`);
  } else {
    console.log(`${SOURCE} is missing: building the demo store in ${dir} …`);
    const t = Date.now();
    await ensureDemoStore(config, { info: (m) => console.log(m) });
    console.log(`built in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const ctx = await openContext(config);
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  const briefs = app.briefs;
  try {
    const period = reportedPeriod('month', new Date());
    const district = ctx.units.get(DISTRICT);
    if (!district) throw new Error(`no unit ${DISTRICT} in the store`);
    const communes = ctx.units.reportChildren(DISTRICT);
    const units = [...communes.map((u) => u.unit_id), DISTRICT];
    const one = communes[0].unit_id;
    console.log(
      `period ${period.id} (reportedPeriod('month', now)); ${communes.length} communes of ${district.name}; ` +
        `data date ${ctx.info.dataDates.people ?? JSON.stringify(ctx.info.dataDates)}; ` +
        `answer caches ${CACHE === '0' ? 'off' : `${CACHE} entries`}; ` +
        `Chromium ${process.env.CHROMIUM_PATH || '/usr/bin/chromium'}`,
    );
    const rss0 = process.memoryUsage().rss;
    const load0 = load();
    const made: { id: string; unit: string; lang: string; bytes: number }[] = [];
    const make = async (unit: string, lang: 'vi' | 'en') => {
      const t = performance.now();
      const b = await briefs.make({ unit, period, lang, account: ACCOUNT });
      const took = performance.now() - t;
      made.push({ id: b.id, unit, lang, bytes: b.bytes });
      return took;
    };

    // Chromium's start and the first queries: one brief, not counted
    const first = await make(one, 'vi');
    console.log(`first brief (Chromium started, cold): ${ms(first)} ms`);

    // one commune's brief, RUNS times
    const single: number[] = [];
    for (let i = 0; i < RUNS; i++) single.push(await make(one, 'vi'));
    // the same brief without Chromium: the content (queries), its summary and the HTML
    const content: number[] = [];
    let html = '';
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const c = await gatherBrief(ctx, one, period, previousPeriod(period));
      const summary = summarize(c, 'vi');
      html = briefHtml({
        content: c,
        lang: 'vi',
        number: '1/BC-IOC',
        date: new Date(),
        summary,
        names: { unit_en: null, parent_en: null },
      });
      content.push(performance.now() - t);
    }
    // and Chromium alone: that HTML printed by the shared renderer (the one the service uses)
    const renderer = acquireRenderer(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
    const printing: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await renderer.renderDocument({ html, margin: BRIEF_MARGIN, footerTemplate: briefFooter('vi'), lang: 'vi' });
        printing.push(performance.now() - t);
      }
    } finally {
      await renderer.release();
    }
    const districtOne: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) districtOne.push(await make(DISTRICT, 'vi'));

    // all of them, one after another (the scheduler makes briefs one at a time)
    const batch = async (lang: 'vi' | 'en') => {
      const each: number[] = [];
      const t = performance.now();
      for (const unit of units) each.push(await make(unit, lang));
      return { total: performance.now() - t, each };
    };
    const vi = await batch('vi');
    const viLoad = load();
    const en = await batch('en');
    const load1 = load();
    const rss1 = process.memoryUsage().rss;
    const chromium = memoryOf(descendants(process.pid));

    // the PDFs of the batches: sizes and pages
    const batchIds = made.slice(-2 * units.length);
    const sizes: number[] = [];
    const pageCounts: number[] = [];
    const byUnit = new Map<string, { bytes: number; pages: number }>();
    for (const m of batchIds) {
      const pdf = await briefs.store.pdf(m.id);
      if (!pdf) throw new Error(`brief ${m.id} has no PDF`);
      const file = join(dir, `${m.id}.pdf`);
      writeFileSync(file, pdf);
      const p = pages(file);
      sizes.push(pdf.length);
      pageCounts.push(p);
      if (m.lang === 'vi') byUnit.set(m.unit, { bytes: pdf.length, pages: p });
    }
    const kb = (x: number) => (x / 1024).toFixed(0);
    const communeOnly = communes.map((u) => byUnit.get(u.unit_id)!);
    const lines = [
      '| measure | value |',
      '|---|---|',
      `| one commune's brief (${one} ${communes[0].name}, ${period.id}, vi), ${RUNS} runs | ` +
        `median (min–max) ${spread(single, ms)} ms |`,
      `| … of which content, summary and HTML (no Chromium), ${RUNS} runs | median ${spread(content, ms)} ms |`,
      `| … the PDF alone (Chromium's renderDocument), ${RUNS} runs | median ${spread(printing, ms)} ms |`,
      `| the district's brief (${DISTRICT}), ${districtOne.length} runs | median ${spread(districtOne, ms)} ms |`,
      `| all ${communes.length} communes + the district, vi, one after another | ` +
        `**${(vi.total / 1000).toFixed(1)} s** (a brief: median ${spread(vi.each, ms)} ms) |`,
      `| the same in English | ${(en.total / 1000).toFixed(1)} s (a brief: median ${spread(en.each, ms)} ms) |`,
      `| PDF size, ${sizes.length} briefs (vi + en) | median ${spread(sizes, kb)} KB |`,
      `| PDF size, a commune (vi) / the district (vi) | median ${spread(
        communeOnly.map((x) => x.bytes),
        kb,
      )} KB / ${kb(byUnit.get(DISTRICT)!.bytes)} KB |`,
      `| pages (pdfinfo), ${pageCounts.length} briefs | median ${spread(pageCounts, String)}; ` +
        `the district ${byUnit.get(DISTRICT)!.pages} |`,
      `| load average (1, 5, 15 min) | before ${load0}; after vi ${viLoad}; after en ${load1} |`,
      `| this process's RSS | ${mb(rss0)} MB after the app was built → ${mb(rss1)} MB after ${made.length} briefs |`,
      `| Chromium's processes (${descendants(process.pid).length}) | RSS ${mb(chromium.rss)} MB summed, ` +
        `PSS ${mb(chromium.pss)} MB |`,
    ];
    console.log('');
    console.log(lines.join('\n'));
    console.log(
      `\n${units.length} units in ${(vi.total / 1000).toFixed(1)} s: ` +
        `${vi.total < 60_000 ? 'under' : 'OVER'} the 1 minute of issue 19.`,
    );
  } finally {
    await app.close();
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  }
}
