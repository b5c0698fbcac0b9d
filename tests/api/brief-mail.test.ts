// The leader's brief by e-mail (issue 19, server/briefs/mail.ts and deliveries.ts) through a real SMTP server started
// here (smtp-server on 127.0.0.1): the message read back with mailparser keeps its Vietnamese subject and text and its
// PDF attachment, which pdftotext opens; a refused recipient is tried again with back-off (1 min, 5 min, 30 min, 2 h,
// 6 h) and fails for good after 6 tries; deliveries survive reopening the store; no error shows the password.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore, openStore, type Store } from '../../data/pipeline/store.ts';
import { createPool, type Pool } from '../../server/db/pool.ts';
import { createRenderer } from '../../server/export/render.ts';
import { createMailer, mailConfigFromEnv, stripCredentials, transportOptions } from '../../server/briefs/mail.ts';
import {
  DeliveryRunner,
  DeliveryStore,
  MAX_ATTEMPTS,
  runDeliveries,
  type BriefMail,
  type DeliveryRecord,
} from '../../server/briefs/deliveries.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TMP = join(ROOT, 'tests', '.tmp', 'brief-mail');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const hasPdftotext = existsSync('/usr/bin/pdftotext');

const SUBJECT = 'Báo cáo tháng 11/2026 — Xã Nam Trung';
const BODY =
  'Kính gửi đồng chí Chủ tịch UBND xã,\n\nTrong tháng 11/2026, xã có 3 chỉ tiêu có nguy cơ không đạt. ' +
  'Tỷ lệ hồ sơ trực tuyến tăng 2,8 điểm so với tháng trước, cao nhất từ đầu năm.\n\nBáo cáo đính kèm (PDF).';
const USER = 'ioc';
const PASSWORD = 'mật-khẩu-s3cret';

interface Received {
  raw: Buffer;
  rcpt: string[];
  /** the account the client logged in as (undefined: no AUTH) */
  user: string | undefined;
}

/** A real SMTP server: records every message; refuses recipients while `refuse` holds a reply code. */
async function startSmtp() {
  const state = { refuse: null as number | null, rcptTries: 0, received: [] as Received[] };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === USER && auth.password === PASSWORD) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(_address, _session, cb) {
      state.rcptTries++;
      if (state.refuse === null) return cb();
      const code = state.refuse;
      cb(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.received.push({
          raw: Buffer.concat(chunks),
          rcpt: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.server.address() as AddressInfo).port;
  return { server, port, state, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
});

const mailerFor = (port: number, credentials = `${USER}:${encodeURIComponent(PASSWORD)}@`) =>
  createMailer(
    mailConfigFromEnv({
      IOC_SMTP_URL: `smtp://${credentials}127.0.0.1:${port}`,
      IOC_SMTP_TLS: 'none',
      IOC_SMTP_FROM: 'IOC Nam Sách <ioc@namsach.example.vn>',
    })!,
  );

describe('mail settings from the environment', () => {
  it('none without IOC_SMTP_URL; defaults for the sender and TLS', () => {
    expect(mailConfigFromEnv({})).toBeNull();
    expect(mailConfigFromEnv({ IOC_SMTP_URL: '  ' })).toBeNull();
    expect(mailConfigFromEnv({ IOC_SMTP_URL: 'smtp://u:p@mail.example.vn:25' })).toEqual({
      url: 'smtp://u:p@mail.example.vn:25',
      from: 'ioc06 <ioc06@localhost>',
      tls: 'opportunistic',
    });
  });

  it('TLS modes, ports and timeouts reach nodemailer', () => {
    const opts = (env: Record<string, string>) => transportOptions(mailConfigFromEnv(env)!);
    expect(opts({ IOC_SMTP_URL: 'smtp://mail.example.vn', IOC_SMTP_TLS: 'none' })).toMatchObject({
      host: 'mail.example.vn',
      port: 587,
      secure: false,
      ignoreTLS: true,
      requireTLS: false,
      auth: undefined,
    });
    expect(opts({ IOC_SMTP_URL: 'smtp://a%40b:p%3Aq@mail.example.vn:2525', IOC_SMTP_TLS: 'required' })).toMatchObject({
      port: 2525,
      secure: false,
      ignoreTLS: false,
      requireTLS: true,
      auth: { user: 'a@b', pass: 'p:q' },
    });
    const smtps = opts({ IOC_SMTP_URL: 'smtps://mail.example.vn' });
    expect(smtps).toMatchObject({ port: 465, secure: true, ignoreTLS: false, requireTLS: false });
    for (const t of [smtps.connectionTimeout, smtps.greetingTimeout, smtps.socketTimeout]) {
      expect(t).toBeGreaterThanOrEqual(15_000);
      expect(t).toBeLessThanOrEqual(30_000);
    }
  });

  it.each([
    [{ IOC_SMTP_URL: 'http://user:hunter2@mail.example.vn' }, /smtp:\/\/ or smtps:\/\//],
    [{ IOC_SMTP_URL: 'mail.example.vn:25' }, /IOC_SMTP_URL/],
    [{ IOC_SMTP_URL: 'smtp//ioc:hunter2@mail.example.vn' }, /not a URL/],
    [{ IOC_SMTP_URL: 'smtp://u:hunter2@mail.example.vn', IOC_SMTP_TLS: 'yes' }, /IOC_SMTP_TLS.*"yes"/],
    [{ IOC_SMTP_URL: 'smtps://u:hunter2@mail.example.vn', IOC_SMTP_TLS: 'none' }, /contradicts/],
    [{ IOC_SMTP_URL: 'smtp://u:hunter2@mail.example.vn', IOC_SMTP_FROM: 'nobody' }, /IOC_SMTP_FROM/],
  ])('refuses %o with a clear message and no password', (env, message) => {
    expect(() => mailConfigFromEnv(env)).toThrow(message);
    try {
      mailConfigFromEnv(env);
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });

  it('strips credentials from URLs in any text', () => {
    expect(stripCredentials('connect to smtp://ioc:hunter2@mail.example.vn:25 failed')).toBe(
      'connect to smtp://***@mail.example.vn:25 failed',
    );
    expect(stripCredentials('smtps://user@h and https://a:b@c/d')).toBe('smtps://***@h and https://***@c/d');
    expect(stripCredentials('no URL here: a@b')).toBe('no URL here: a@b');
  });
});

describe('a brief through a real SMTP server', () => {
  it.skipIf(!hasChromium && !process.env.CI)(
    'arrives with its Vietnamese subject and text and a PDF that pdftotext opens',
    async () => {
      const renderer = createRenderer(CHROMIUM);
      let pdf: Buffer;
      try {
        pdf = await renderer.renderDocument({
          html:
            '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body style="font-family: serif">' +
            '<h1>Báo cáo tháng 11/2026</h1><p>Ủy ban nhân dân xã Nam Trung</p>' +
            '<p>Tỷ lệ hồ sơ trực tuyến tăng 2,8 điểm</p></body></html>',
          margin: { top: '20mm', bottom: '20mm', left: '30mm', right: '15mm' },
        });
      } finally {
        await renderer.close();
      }
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const mailer = mailerFor(smtp.port);
      const before = smtp.state.received.length;
      const sent = await mailer.send({
        to: 'chu-tich@namtrung.example.vn',
        subject: SUBJECT,
        text: BODY,
        html: `<p>${BODY.replace(/\n/g, '<br>')}</p>`,
        attachments: [{ filename: 'bao-cao-thang-11-2026.pdf', content: pdf, contentType: 'application/pdf' }],
      });
      mailer.close();
      expect(sent.messageId).toMatch(/^<.+@.+>$/);
      expect(smtp.state.received.length).toBe(before + 1);

      const got = smtp.state.received[before];
      expect(got.rcpt).toEqual(['chu-tich@namtrung.example.vn']);
      // logged in with the URL's user and (percent-decoded, Vietnamese) password
      expect(got.user).toBe(USER);
      const mail = await simpleParser(got.raw);
      expect(mail.subject).toBe(SUBJECT);
      expect(mail.text?.trim().normalize('NFC')).toBe(BODY.normalize('NFC'));
      expect(mail.from?.value).toEqual([{ name: 'IOC Nam Sách', address: 'ioc@namsach.example.vn' }]);
      expect(mail.messageId).toBe(sent.messageId);
      expect(mail.attachments).toHaveLength(1);
      const [att] = mail.attachments;
      expect(att.filename).toBe('bao-cao-thang-11-2026.pdf');
      expect(att.contentType).toBe('application/pdf');
      expect(Buffer.compare(att.content, pdf)).toBe(0);

      if (hasPdftotext || process.env.CI) {
        const file = join(TMP, 'received.pdf');
        writeFileSync(file, att.content);
        const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        const text = stdout.normalize('NFC');
        expect(text).toContain('Báo cáo tháng 11/2026');
        expect(text).toContain('Ủy ban nhân dân xã Nam Trung');
        expect(text).toContain('Tỷ lệ hồ sơ trực tuyến tăng 2,8 điểm');
      }
    },
  );
});

describe('deliveries: retries with back-off, kept in the store', () => {
  const DB = join(TMP, 'deliveries.duckdb');
  let store: Store;
  let pool: Pool;
  let deliveries: DeliveryStore;
  const open = async () => {
    store = await openStore(DB, { threads: 1 });
    pool = await createPool(store.instance, 2, 20);
    deliveries = new DeliveryStore(pool);
  };
  const close = async () => {
    await pool.close();
    closeStore(store);
  };
  beforeAll(open);
  afterAll(close);

  const T0 = new Date('2026-12-01T00:00:00.000Z');
  const at = (ms: number) => new Date(T0.getTime() + ms);
  const MIN = 60_000;
  const letter = (brief: string): BriefMail => ({
    subject: `${SUBJECT} (${brief})`,
    text: BODY,
    attachments: [
      { filename: `${brief}.pdf`, content: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' },
    ],
  });
  const load = async (brief: string) => (brief.startsWith('gone') ? null : letter(brief));

  it('a refused recipient is tried again after a minute, then sent once', async () => {
    const mailer = mailerFor(smtp.port);
    smtp.state.refuse = 451;
    const d = await deliveries.enqueue('brief-1', 'chu-tich@namtrung.example.vn', 'chutich.namtrung', T0);
    expect(d).toMatchObject({ brief: 'brief-1', state: 'pending', attempts: 0, next_attempt_at: T0.toISOString() });
    // the same brief to the same address is one delivery
    expect((await deliveries.enqueue('brief-1', 'chu-tich@namtrung.example.vn', 'chutich.namtrung', T0)).id).toBe(d.id);

    expect(await runDeliveries(deliveries, mailer, load, T0)).toEqual({ sent: 0, retrying: 1, failed: 0, errors: [] });
    const failed = await deliveries.get(d.id);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, next_attempt_at: at(MIN).toISOString() });
    expect(failed!.last_error).toMatch(/451/);
    expect(failed!.last_error).not.toContain(PASSWORD);

    // not yet due: nothing is tried
    smtp.state.refuse = null;
    const tries = smtp.state.rcptTries;
    expect(await runDeliveries(deliveries, mailer, load, at(30_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      errors: [],
    });
    expect(smtp.state.rcptTries).toBe(tries);

    const before = smtp.state.received.length;
    expect((await runDeliveries(deliveries, mailer, load, at(61_000))).sent).toBe(1);
    expect(await deliveries.get(d.id)).toMatchObject({
      state: 'sent',
      attempts: 2,
      last_error: null,
      next_attempt_at: null,
      sent_at: at(61_000).toISOString(),
    });
    expect(smtp.state.received.length).toBe(before + 1);
    expect((await simpleParser(smtp.state.received[before].raw)).subject).toBe(`${SUBJECT} (brief-1)`);

    // never twice, and a sent delivery is not retried
    expect((await runDeliveries(deliveries, mailer, load, at(24 * 60 * MIN))).sent).toBe(0);
    expect(await deliveries.retry(d.id, at(24 * 60 * MIN))).toBeNull();
    expect(smtp.state.received.length).toBe(before + 1);
    mailer.close();
  });

  it('backs off 1 min, 5 min, 30 min, 2 h, 6 h and fails for good after 6 tries', async () => {
    const mailer = mailerFor(smtp.port);
    smtp.state.refuse = 550;
    const d = await deliveries.enqueue('brief-2', 'pho-chu-tich@namtrung.example.vn', 'phochutich.namtrung', T0);
    const waits = [1, 5, 30, 120, 360].map((m) => m * MIN);
    let now = T0;
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) {
      expect((await runDeliveries(deliveries, mailer, load, now)).retrying).toBe(1);
      const after = await deliveries.get(d.id);
      expect(after).toMatchObject({ state: 'pending', attempts: i + 1 });
      expect(Date.parse(after!.next_attempt_at!) - now.getTime()).toBe(waits[i]);
      // a moment before it is due, nothing happens
      expect(
        (await runDeliveries(deliveries, mailer, load, new Date(Date.parse(after!.next_attempt_at!) - 1))).retrying,
      ).toBe(0);
      now = new Date(after!.next_attempt_at!);
    }
    expect(await runDeliveries(deliveries, mailer, load, now)).toEqual({ sent: 0, retrying: 0, failed: 1, errors: [] });
    const dead = await deliveries.get(d.id);
    expect(dead).toMatchObject({ state: 'failed', attempts: 6, next_attempt_at: null, sent_at: null });
    expect(dead!.last_error).toMatch(/550/);
    expect((await runDeliveries(deliveries, mailer, load, at(30 * 24 * 60 * MIN))).failed).toBe(0);

    // the admin retries once the server takes it: due at once, sent
    smtp.state.refuse = null;
    const later = at(31 * 24 * 60 * MIN);
    expect(await deliveries.retry(d.id, later)).toMatchObject({
      state: 'pending',
      next_attempt_at: later.toISOString(),
    });
    expect((await runDeliveries(deliveries, mailer, load, later)).sent).toBe(1);
    expect(await deliveries.get(d.id)).toMatchObject({ state: 'sent', sent_at: later.toISOString() });
    mailer.close();
  });

  it('a brief that is gone, or a failure naming a URL, leaves no password in the error', async () => {
    const mailer = mailerFor(smtp.port);
    const gone = await deliveries.enqueue('gone-1', 'a@namtrung.example.vn', 'a', T0);
    const broken = await deliveries.enqueue('brief-x', 'b@namtrung.example.vn', 'b', T0);
    const throwing = async (brief: string) => {
      if (brief === 'brief-x') throw new Error(`cannot reach smtp://${USER}:${PASSWORD}@10.0.0.1:25`);
      return load(brief);
    };
    const counts = await runDeliveries(deliveries, mailer, throwing, T0);
    expect(counts).toMatchObject({ sent: 0, retrying: 2 });
    expect((await deliveries.get(gone.id))!.last_error).toMatch(/gone/);
    const error = (await deliveries.get(broken.id))!.last_error!;
    expect(error).toBe('cannot reach smtp://***@10.0.0.1:25');
    mailer.close();

    // a server that is not there: the try fails, the runner does not throw
    const nowhere = mailerFor(1);
    const c = await runDeliveries(deliveries, nowhere, load, at(MIN));
    expect(c.retrying).toBe(2);
    expect(c.errors).toEqual([]);
    expect((await deliveries.get(broken.id))!.last_error).not.toContain(PASSWORD);
    nowhere.close();
  });

  it('survives reopening the store, and a restart continues the retries', async () => {
    const mailer = mailerFor(smtp.port);
    smtp.state.refuse = 451;
    const d = await deliveries.enqueue('brief-3', 'c@namtrung.example.vn', 'c', T0);
    expect((await runDeliveries(deliveries, mailer, load, T0)).retrying).toBeGreaterThanOrEqual(1);

    await close();
    await open();
    expect(await deliveries.get(d.id)).toMatchObject({
      state: 'pending',
      attempts: 1,
      next_attempt_at: at(MIN).toISOString(),
    });
    const byBrief = await deliveries.listForBriefs(['brief-1', 'brief-2', 'brief-3']);
    expect(byBrief.map((x) => [x.brief, x.state]).sort()).toEqual([
      ['brief-1', 'sent'],
      ['brief-2', 'sent'],
      ['brief-3', 'pending'],
    ]);
    expect(await deliveries.listForBriefs([])).toEqual([]);
    expect((await deliveries.list(100)).map((x) => x.brief).sort()).toEqual([
      'brief-1',
      'brief-2',
      'brief-3',
      'brief-x',
      'gone-1',
    ]);
    expect((await deliveries.list(2)).length).toBe(2);

    smtp.state.refuse = null;
    const due = await deliveries.due(at(MIN));
    expect(due.map((x) => x.brief)).toContain('brief-3');
    await runDeliveries(deliveries, mailer, load, at(2 * MIN));
    expect(await deliveries.get(d.id)).toMatchObject({ state: 'sent', attempts: 2 });
    mailer.close();
  });

  it('the runner sends once when ticked twice at the same time, and reports every try', async () => {
    const mailer = mailerFor(smtp.port);
    smtp.state.refuse = null;
    const d = await deliveries.enqueue('brief-4', 'd@namtrung.example.vn', 'd', at(10 * MIN));
    const seen: DeliveryRecord[] = [];
    const runner = new DeliveryRunner(deliveries, mailer, load, { onResult: (x) => void seen.push(x) });
    const before = smtp.state.received.length;
    const [a, b] = [runner.run(at(10 * MIN)), runner.run(at(10 * MIN))];
    expect(a).toBe(b);
    // the earlier tests' deliveries still pending (gone-1, brief-x) are due too: each tried once, reported once
    const counts = await a;
    expect(counts).toEqual({ sent: 2, retrying: 1, failed: 0, errors: [] });
    expect(seen.map((x) => [x.brief, x.state]).sort()).toEqual([
      ['brief-4', 'sent'],
      ['brief-x', 'sent'],
      ['gone-1', 'pending'],
    ]);
    const to = smtp.state.received.slice(before).map((r) => r.rcpt[0]);
    expect(to.sort()).toEqual(['b@namtrung.example.vn', 'd@namtrung.example.vn']);
    expect(await deliveries.get(d.id)).toMatchObject({ state: 'sent', attempts: 1 });
    // the next tick is a new run, with nothing left to send
    expect((await runner.run(at(11 * MIN))).sent).toBe(0);
    mailer.close();
  });
});
