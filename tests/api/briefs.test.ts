// The leader's brief end to end (issue 19) on the demo store with a real Chromium and a real SMTP server:
// - the PDF read back with pdftotext: the national heading, the issuing authority under its superior, the number, the
//   place and date line in Vietnamese (today in Hà Nội, worked out here with Intl), the document type, every section,
//   the summary, the data date; A4 pages; Liberation Serif (Times New Roman's metrics) embedded;
// - its figures equal what /api/indicators publishes for the same cells, its targets what /api/targets says, and each
//   lagging commune is a child of the district whose published value misses the target (checked here by hand);
// - scope: another commune's leader neither lists, opens nor downloads it; the district's leader does; no sibling
//   commune's name is in a commune's brief; making or subscribing outside the scope is 403;
// - schedules: bad input is a 400 that says what; an admin may subscribe an account of their units, a leader not;
// - the scheduler with a clock moved by the test, in a server zone far from Vietnam: a Monday 07:00 slot runs at
//   07:00 in Hà Nội (00:00 UTC), once; the e-mail arrives with its Vietnamese subject and text, a link and the PDF;
//   after a restart of the whole server (store closed and opened again) between two slots nothing is made again, the
//   next slot runs once, and after a four-week gap only the latest slot runs;
// - every brief made, opened and mailed is in the audit log.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openContext, type Context } from '../../server/context.ts';
import { acquireRenderer } from '../../server/export/render.ts';
import { BriefService } from '../../server/briefs/service.ts';
import { mailConfigFromEnv } from '../../server/briefs/mail.ts';
import type { BriefContent, BriefSummary, Schedule } from '../../server/contracts/briefs.ts';
import { buildDemoStore } from '../helpers/demo-store.ts';
import { signIn, type Signed } from '../helpers/auth.ts';

const DISTRICT = '291';
const NAM_TRUNG = '10633';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TMP = join('tests', '.tmp', 'api-briefs');
const runs = existsSync(CHROMIUM) || !!process.env.CI;

let db: string;
let ctx: Context;
let app: FastifyInstance;
let commune: Signed;
let other: Signed;
let district: Signed;
let admin: Signed;
let siblings: { unit_id: string; name: string }[] = [];

const open = async () => {
  ctx = await openContext(
    loadConfig({ IOC_DB: db, IOC_DEMO: 'false', LOG_LEVEL: 'silent', IOC_MAX_LAG_MS: '60000', IOC_BRIEFS: 'false' }),
  );
  app = await buildApp(ctx, { logger: false });
};
const close = async () => {
  await app?.close();
  await ctx?.close();
};

const post = (url: string, who: Signed, payload: object) =>
  app.inject({ method: 'POST', url, headers: who.headers, payload });
const get = (url: string, who: Signed) => app.inject({ method: 'GET', url, headers: who.headers });

/** pdftotext's text of a PDF, its whitespace made single spaces. */
function pdfText(pdf: Buffer, name: string): string {
  const file = join(TMP, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-']).toString('utf8').replace(/\s+/g, ' ');
}

/** "ngày 05 tháng 12 năm 2026": today in Hà Nội, from Intl (not the code under test). */
function todayInHanoi(): { d: string; m: string; y: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(new Date());
  const part = (t: string) => parts.find((p) => p.type === t)!.value;
  return { d: part('day'), m: part('month'), y: part('year') };
}

beforeAll(async () => {
  mkdirSync(TMP, { recursive: true });
  ({ db } = await buildDemoStore(join(TMP, 'store')));
  await open();
  commune = await signIn(app, ctx, { role: 'leader', unit: NAM_TRUNG, username: 'briefs.commune' });
  district = await signIn(app, ctx, { role: 'leader', unit: DISTRICT, username: 'briefs.district' });
  admin = await signIn(app, ctx, { role: 'admin', unit: DISTRICT, username: 'briefs.admin' });
  siblings = ctx.units.children(DISTRICT).filter((u) => u.unit_id !== NAM_TRUNG && u.is_base);
  other = await signIn(app, ctx, { role: 'leader', unit: siblings[0].unit_id, username: 'briefs.other' });
}, 300_000);

afterAll(close);

describe.skipIf(!runs)('a brief made now', () => {
  let month: BriefSummary;

  it("a commune's November brief: the Decree 30 heading, every section and the summary, read back with pdftotext", async () => {
    const res = await post('/api/briefs', commune, { unit: NAM_TRUNG, kind: 'month', period: '2022-11' });
    expect(res.statusCode, res.body).toBe(201);
    month = res.json<BriefSummary>();
    expect(month.period).toMatchObject({ id: '2022-11', from: '2022-11-01', to: '2022-11-30' });
    const pdf = await get(`/api/briefs/${month.id}.pdf`, commune);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.length).toBe(month.bytes);
    const text = pdfText(pdf.rawPayload, 'commune-month');
    const { d, m, y } = todayInHanoi();
    for (const expected of [
      'UBND HUYỆN NAM SÁCH',
      'UBND XÃ NAM TRUNG',
      `Số: ${month.number}`,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      `Nam Trung, ngày ${d} tháng ${m} năm ${y}`,
      'BÁO CÁO',
      'Tình hình thực hiện Đề án 06 tháng 11/2022',
      'I. TÓM TẮT',
      'II. CHỈ TIÊU THAY ĐỔI TRẠNG THÁI',
      'III. CHỈ TIÊU CÓ NGUY CƠ KHÔNG ĐẠT',
      'IV. CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP THEO QUYẾT ĐỊNH SỐ 766/QĐ-TTg',
      'V. SỐ LIỆU CHÍNH',
      'VI. CHỈ ĐẠO VÀ NHIỆM VỤ QUÁ HẠN',
      'VII. NGUỒN SỐ LIỆU VÀ BẢO VỆ DỮ LIỆU CÁ NHÂN',
      'Số liệu đến ngày 31/12/2022',
      'Dữ liệu mô phỏng',
      'Nơi nhận:',
    ])
      expect(text).toContain(expected);
    expect(month.number).toMatch(/^\d+\/BC-IOC$/);
    // a commune's brief has no section of units below target
    expect(text).not.toContain('ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU');
    // the summary paragraph as the API gives it (its first 120 characters, whitespace as pdftotext gives it)
    expect(month.summary).toMatch(/^Trong tháng 11\/2022, xã có \d+ chỉ tiêu/);
    expect(text).toContain(month.summary.slice(0, 120).replace(/\s+/g, ' '));
    const file = join(TMP, 'commune-month.pdf');
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(
      /Page size:\s+59[56](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/,
    );
    expect(execFileSync('pdffonts', [file]).toString()).toMatch(/LiberationSerif|TimesNewRoman/);
  }, 120_000);

  it('in English with lang=en: the same sections, the motto in Vietnamese', async () => {
    const res = await post('/api/briefs', commune, { unit: NAM_TRUNG, kind: 'month', period: '2022-11', lang: 'en' });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json<BriefSummary>();
    const text = pdfText((await get(`/api/briefs/${b.id}.pdf`, commune)).rawPayload, 'commune-month-en');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'REPORT',
      'Progress of the Đề án 06 plan November 2022',
      'I. SUMMARY',
      'V. KEY FIGURES',
      'Data as of 31/12/2022',
    ])
      expect(text).toContain(expected);
    expect(b.summary).toMatch(/^In November 2022, the commune has \d+ targets?/);
  }, 120_000);

  it("a district's December brief agrees with /api/targets and /api/indicators; its lagging communes miss their target", async () => {
    const res = await post('/api/briefs', district, { unit: DISTRICT, kind: 'month', period: '2022-12' });
    expect(res.statusCode, res.body).toBe(201);
    const { content } = (await get(`/api/briefs/${res.json<BriefSummary>().id}`, district)).json<{
      content: BriefContent;
    }>();
    // December ends on the data date: the brief's targets are the screen's
    const screen = (await get(`/api/targets?unit=${DISTRICT}`, district)).json<{
      targets: { target_id: string; status: string; value: number | null }[];
    }>().targets;
    expect(content.targets.map((t) => [t.target_id, t.status, t.value])).toEqual(
      screen.map((t) => [t.target_id, t.status, t.value]),
    );
    expect(content.figures.length).toBeGreaterThanOrEqual(5);
    for (const f of content.figures) {
      const a = (
        await get(`/api/indicators/${f.indicator}?unit=${DISTRICT}&by=month&from=2022-11&to=2022-12`, district)
      ).json<{ rows: { unit: string; period: string; value: number | null; suppressed: boolean }[] }>();
      const at = (month: string) => a.rows.find((r) => r.unit === DISTRICT && r.period.startsWith(month));
      const published = (month: string) => (at(month)?.suppressed ? null : (at(month)?.value ?? null));
      expect([f.indicator, f.value, f.previous]).toEqual([f.indicator, published('2022-12'), published('2022-11')]);
    }
    const children = new Set(ctx.units.children(DISTRICT).map((u) => u.unit_id));
    for (const l of content.lagging) {
      expect(children.has(l.unit)).toBe(true);
      const a = (
        await get(`/api/indicators/${l.indicator}?unit=${DISTRICT}&by=unit&from=2022-12&to=2022-12`, district)
      ).json<{ rows: { unit: string; value: number | null }[] }>();
      expect(a.rows.find((r) => r.unit === l.unit)?.value).toBe(l.value);
      const misses = l.comparator === '<=' ? l.value! > l.target + 1e-9 : l.value! < l.target - 1e-9;
      expect(misses, `${l.name} ${l.indicator} ${l.value} ${l.comparator} ${l.target}`).toBe(true);
    }
    const text = pdfText(
      (await get(`/api/briefs/${res.json<BriefSummary>().id}.pdf`, district)).rawPayload,
      'district-december',
    );
    expect(text).toContain('IV. ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU');
    expect(text).toContain('VII. CHỈ ĐẠO VÀ NHIỆM VỤ QUÁ HẠN');
    expect(text).toContain('VIII. NGUỒN SỐ LIỆU VÀ BẢO VỆ DỮ LIỆU CÁ NHÂN');
    // the district's issuing authority, under its own superior (the province)
    const province = ctx.units.get(ctx.units.get(DISTRICT)!.parent_id!)!.name;
    expect(text).toContain(`UBND ${province.toLocaleUpperCase('vi')}`);
    expect(text).toContain('UBND HUYỆN NAM SÁCH');
  }, 180_000);

  it("stays in its unit's scope: another commune's leader cannot list, open or download it; the district's can", async () => {
    for (const url of [`/api/briefs/${month.id}`, `/api/briefs/${month.id}.pdf`])
      expect((await get(url, other)).statusCode).toBe(403);
    expect((await get('/api/briefs', other)).json<{ briefs: BriefSummary[] }>().briefs.map((b) => b.id)).not.toContain(
      month.id,
    );
    expect((await get(`/api/briefs?unit=${NAM_TRUNG}`, other)).statusCode).toBe(403);
    expect((await get(`/api/briefs/${month.id}`, district)).statusCode).toBe(200);
    expect((await post('/api/briefs', commune, { unit: DISTRICT, kind: 'month' })).statusCode).toBe(403);
    const body = (await get(`/api/briefs/${month.id}`, commune)).body;
    for (const s of siblings) {
      expect(body).not.toContain(s.name);
      expect(body).not.toMatch(new RegExp(`"${s.unit_id}"`));
    }
  });

  it('audits the brief made (with the PDF hash) and every download', async () => {
    const pdf = (await get(`/api/briefs/${month.id}.pdf`, district)).rawPayload;
    await ctx.audit.drain();
    const rows = (await ctx.audit.query({ limit: 200 })).rows;
    const made = rows.find((r) => r.action === 'brief_create' && r.detail?.startsWith(month.id));
    expect(made).toMatchObject({ account: 'briefs.commune', format: 'pdf', bytes: pdf.length });
    expect(made?.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(made?.units).toEqual([NAM_TRUNG]);
    const opened = rows.filter((r) => r.action === 'brief_open' && r.detail?.startsWith(month.id));
    expect(opened.map((r) => r.account)).toContain('briefs.district');
  });

  it('refuses a period with no data yet and one of the wrong kind, saying which', async () => {
    const future = await post('/api/briefs', commune, { unit: NAM_TRUNG, kind: 'month', period: '2030-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ message: string }>().message).toContain('chưa có số liệu');
    const kind = await post('/api/briefs', commune, { unit: NAM_TRUNG, kind: 'week', period: '2022-11' });
    expect(kind.statusCode).toBe(400);
  });
});

describe('subscriptions', () => {
  const schedule = (over: object = {}) => ({ unit: NAM_TRUNG, kind: 'week', weekday: 1, time: '07:00', ...over });

  it('bad input is a 400 that says what', async () => {
    for (const [body, words] of [
      [schedule({ weekday: undefined }), /thứ|weekday/i],
      [schedule({ kind: 'month', weekday: undefined }), /ngày|day/i],
      [schedule({ email: 'không phải thư' }), /thư|e-mail|email|format/i],
    ] as const) {
      const res = await post('/api/briefs/schedules', commune, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(words);
    }
    expect((await post('/api/briefs/schedules', commune, schedule({ time: '25:00' }))).statusCode).toBe(400);
  });

  it('a leader subscribes themselves only, within their units; an admin subscribes an account of their units', async () => {
    expect((await post('/api/briefs/schedules', commune, schedule({ unit: DISTRICT }))).statusCode).toBe(403);
    expect((await post('/api/briefs/schedules', commune, schedule({ account: 'briefs.district' }))).statusCode).toBe(
      403,
    );
    const res = await post('/api/briefs/schedules', admin, schedule({ account: 'briefs.commune' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      account: 'briefs.commune',
      created_by: 'briefs.admin',
      label_vi: 'Thứ Hai hằng tuần, 07:00',
    });
    const mine = (await get('/api/briefs/schedules', commune)).json<{ schedules: { id: string }[] }>().schedules;
    expect(mine.map((s) => s.id)).toContain(res.json<{ id: string }>().id);
    expect((await get('/api/briefs/schedules', other)).json<{ schedules: unknown[] }>().schedules).toEqual([]);
    // another commune's leader cannot pause or cancel it (404: it does not exist for them)
    const id = res.json<{ id: string }>().id;
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/briefs/schedules/${id}`, headers: other.headers })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/briefs/schedules/${id}`, headers: commune.headers })).statusCode,
    ).toBe(204);
  });
});

describe.skipIf(!runs)('the scheduler', () => {
  const received: ParsedMail[] = [];
  let smtp: SMTPServer;
  let port = 0;
  let clock = new Date('2022-12-12T00:00:30Z');
  let service: BriefService | null = null;
  let zone: string | undefined;
  const SCHEDULE = 'stestscheduler';

  const start = () => {
    const renderer = acquireRenderer(CHROMIUM);
    service = new BriefService(ctx, {
      renderer,
      chromiumPath: CHROMIUM,
      mail: mailConfigFromEnv({
        IOC_SMTP_URL: `smtp://127.0.0.1:${port}`,
        IOC_SMTP_TLS: 'none',
        IOC_SMTP_FROM: 'IOC Nam Trung <ioc@namtrung.example.vn>',
      }),
      publicUrl: 'https://ioc.namtrung.example.vn',
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      now: () => clock,
    });
    return async () => {
      await service?.stop();
      await renderer.release();
    };
  };
  const briefsOf = async () =>
    (await app.briefs.store.list([NAM_TRUNG]))
      .filter((b) => b.schedule === SCHEDULE)
      .sort((a, b) => (a.slot! < b.slot! ? -1 : 1));

  beforeAll(async () => {
    zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles'; // the server's zone must not matter
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, cb) {
        simpleParser(stream)
          .then((m) => received.push(m))
          .then(() => cb(), cb);
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
    port = (smtp.server.address() as AddressInfo).port;
    // a subscription made on Tuesday 6 December 2022, weekly on Monday at 07:00 in Hà Nội, mailed
    await app.briefs.store.insertSchedule({
      id: SCHEDULE,
      account: 'briefs.commune',
      unit: NAM_TRUNG,
      kind: 'week',
      weekday: 1,
      day: null,
      time: '07:00',
      lang: 'vi',
      email: 'chutich@namtrung.example.vn',
      active: true,
      created_by: 'briefs.commune',
      created_at: '2022-12-06T02:00:00.000Z',
      last_slot: null,
    });
  });

  afterAll(async () => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    await new Promise<void>((ok) => smtp?.close(() => ok()));
  });

  it('runs Monday 07:00 in Hà Nội (00:00 UTC) once, and mails the PDF with a Vietnamese subject, text and link', async () => {
    const stop = start();
    clock = new Date('2022-12-11T23:59:00Z'); // Monday 06:59 in Hà Nội, Sunday 15:59 in Los Angeles
    await service!.tick();
    expect(await briefsOf()).toEqual([]);
    clock = new Date('2022-12-12T00:00:30Z');
    await service!.tick();
    await service!.tick();
    const made = await briefsOf();
    expect(made.map((b) => [b.slot, b.period])).toEqual([['2022-12-12T00:00:00.000Z', '2022-W49']]);
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail.subject).toBe(`Báo cáo tuần 49/2022 (05/12–11/12/2022): Xã Nam Trung (${made[0].number})`);
    expect(mail.text).toContain(made[0].summary);
    expect(mail.text).toContain(`https://ioc.namtrung.example.vn/briefs?brief=${made[0].id}`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    const text = pdfText(mail.attachments[0].content, 'mailed');
    expect(text).toContain('UBND XÃ NAM TRUNG');
    expect(text).toContain('Tình hình thực hiện Đề án 06 tuần 49/2022');
    const deliveries = await app.briefs.deliveries.listForBriefs([made[0].id]);
    expect(deliveries.map((d) => [d.to, d.state, d.attempts])).toEqual([['chutich@namtrung.example.vn', 'sent', 1]]);
    await stop();
  }, 180_000);

  it('after a restart between two slots makes nothing again; the next slot runs once; a 4-week gap runs once', async () => {
    await close();
    await open(); // the whole server again, on the same store
    const stop = start();
    clock = new Date('2022-12-12T02:00:00Z');
    await service!.tick();
    expect(await briefsOf()).toHaveLength(1);
    clock = new Date('2022-12-19T00:05:00Z');
    await service!.tick();
    await service!.tick();
    expect((await briefsOf()).map((b) => b.period)).toEqual(['2022-W49', '2022-W50']);
    // four Mondays missed (the server off over Tết): only the latest slot is made
    clock = new Date('2023-01-16T03:00:00Z');
    await service!.tick();
    await service!.tick();
    const made = await briefsOf();
    expect(made.map((b) => [b.slot, b.period])).toEqual([
      ['2022-12-12T00:00:00.000Z', '2022-W49'],
      ['2022-12-19T00:00:00.000Z', '2022-W50'],
      ['2023-01-16T00:00:00.000Z', '2023-W02'],
    ]);
    expect(received.map((m) => m.subject?.slice(0, 20))).toHaveLength(3);
    await stop();
    await ctx.audit.drain();
    const rows = (await ctx.audit.query({ limit: 500 })).rows.filter((r) => r.account === 'briefs.commune');
    expect(rows.filter((r) => r.action === 'brief_create' && r.route === 'scheduler')).toHaveLength(3);
    expect(rows.filter((r) => r.action === 'brief_delivery')).toHaveLength(3);
  }, 300_000);

  it('a subscription its account may no longer read fails, says why on the screen, and is tried 3 times in all', async () => {
    await app.briefs.store.insertSchedule({
      id: 'stestoutside',
      account: 'briefs.other', // a leader of another commune: Nam Trung is outside their scope
      unit: NAM_TRUNG,
      kind: 'week',
      weekday: 1,
      day: null,
      time: '07:00',
      lang: 'vi',
      email: null,
      active: true,
      created_by: 'briefs.other',
      created_at: '2023-01-17T00:00:00.000Z',
      last_slot: null,
    });
    const stop = start();
    const lastRun = async () =>
      (await get('/api/briefs/schedules', other))
        .json<{ schedules: Schedule[] }>()
        .schedules.find((s) => s.id === 'stestoutside')!.last_run;
    for (const [at, attempts] of [
      ['2023-01-23T00:00:10Z', 1],
      ['2023-01-23T00:01:00Z', 1], // not again within 5 minutes
      ['2023-01-23T00:06:00Z', 2],
      ['2023-01-23T00:12:00Z', 3],
      ['2023-01-23T01:00:00Z', 3], // 3 tries in all
    ] as const) {
      clock = new Date(at);
      await service!.tick();
      expect(await lastRun()).toMatchObject({
        slot: '2023-01-23T00:00:00.000Z',
        state: 'failed',
        attempts,
        brief: null,
      });
    }
    expect((await lastRun())?.error).toContain('outside the scope of briefs.other');
    expect((await app.briefs.store.list([NAM_TRUNG])).filter((b) => b.schedule === 'stestoutside')).toEqual([]);
    await stop();
  }, 120_000);
});
