// E-mail of the leader's brief (issue 19): the SMTP settings from the environment (IOC_SMTP_URL, IOC_SMTP_FROM,
// IOC_SMTP_TLS) and a mailer on nodemailer. Used by the delivery runner (server/briefs/deliveries.ts), the server's
// boot and tests/api/brief-mail.test.ts. No error it gives away holds the password.
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

/** Where and how mail is sent. */
export interface MailConfig {
  /** smtp://user:pass@host:port (STARTTLS as `tls` says) or smtps://… (TLS from the start) */
  url: string;
  /** the sender, e.g. "ioc06 <ioc06@localhost>" */
  from: string;
  /** required: refuse a server without STARTTLS; opportunistic: STARTTLS when offered; none: never */
  tls: 'required' | 'opportunistic' | 'none';
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments: MailAttachment[];
}

export interface Mailer {
  send(msg: MailMessage): Promise<{ messageId: string }>;
  /** closes the transport's connections */
  close(): void;
}

export const DEFAULT_FROM = 'ioc06 <ioc06@localhost>';
const TLS_MODES = ['required', 'opportunistic', 'none'] as const;

/** Replaces the credentials of every URL in a text with "***" (errors and logs never show a password). */
export function stripCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@');
}

/** The URL's parts, checked; throws a clear error that never repeats the password. */
function parseSmtpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // not repeated: a mistyped URL may still hold the password where stripCredentials does not look
    throw new Error('IOC_SMTP_URL is not a URL (expected smtp://user:pass@host:port or smtps://user:pass@host:port)');
  }
  const shown = stripCredentials(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error(`IOC_SMTP_URL must start with smtp:// or smtps://, not "${url.protocol}//" ("${shown}")`);
  if (!url.hostname) throw new Error(`IOC_SMTP_URL has no host: "${shown}"`);
  return url;
}

/**
 * The mail settings from the environment, or null when IOC_SMTP_URL is not set (briefs are then kept, not mailed).
 * Throws on a bad URL or TLS mode, so the server fails at boot rather than at the first brief.
 */
export function mailConfigFromEnv(env: Record<string, string | undefined>): MailConfig | null {
  const raw = env.IOC_SMTP_URL?.trim();
  if (!raw) return null;
  const url = parseSmtpUrl(raw);
  const tls = (env.IOC_SMTP_TLS?.trim() || 'opportunistic') as MailConfig['tls'];
  if (!TLS_MODES.includes(tls))
    throw new Error(`IOC_SMTP_TLS must be required, opportunistic or none, not "${env.IOC_SMTP_TLS}"`);
  if (tls === 'none' && url.protocol === 'smtps:')
    throw new Error('IOC_SMTP_TLS=none contradicts an smtps:// URL (TLS from the start); use smtp:// or another mode');
  const from = env.IOC_SMTP_FROM?.trim() || DEFAULT_FROM;
  if (!/@/.test(from) || /[\r\n]/.test(from))
    throw new Error(`IOC_SMTP_FROM is not an address: "${from}" (e.g. "ioc06 <ioc06@example.vn>")`);
  return { url: raw, from, tls };
}

/** nodemailer's SMTP options for a config: timeouts short enough that a dead server fails a try, not the runner. */
export function transportOptions(cfg: MailConfig): SMTPTransport.Options {
  const url = parseSmtpUrl(cfg.url);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: user ? { user, pass: decodeURIComponent(url.password) } : undefined,
    requireTLS: cfg.tls === 'required',
    ignoreTLS: cfg.tls === 'none',
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  };
}

/** A mailer over one SMTP transport; its errors are plain Errors whose text holds no credentials. */
export function createMailer(cfg: MailConfig): Mailer {
  const options = transportOptions(cfg);
  const transport = nodemailer.createTransport(options);
  const password = typeof options.auth?.pass === 'string' ? options.auth.pass : '';
  const clean = (text: string) => {
    const stripped = stripCredentials(text);
    return password ? stripped.split(password).join('***') : stripped;
  };
  return {
    async send(msg) {
      try {
        const info = await transport.sendMail({
          from: cfg.from,
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          attachments: msg.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        });
        return { messageId: String(info.messageId) };
      } catch (err) {
        const e = err as Error & { code?: string; responseCode?: number };
        const text = clean(e instanceof Error ? e.message : String(err));
        throw Object.assign(new Error(text), { code: e.code, responseCode: e.responseCode });
      }
    },
    close() {
      transport.close();
    },
  };
}
