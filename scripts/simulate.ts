// npm run simulate -- --rate N [--url http://127.0.0.1:8080] [--seed S] [--batch-ms 1000] [--duration SECONDS]:
// posts simulated live events (server/live/simulator.ts) to a running IOC's POST /api/events, one batch
// per interval; a batch that meets a network error or a 5xx is sent again, same event ids. docs/simulator.md.
// Posting events needs an admin account: IOC_USER (default quantri, the demo admin) and IOC_PASSWORD
// (the password `npm start` printed) in the environment, never on the command line.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { MAX_EVENTS, type EventProblem, type LiveEvent } from '../server/contracts/events.ts';
import type { UnitNode } from '../server/contracts/units.ts';
import { chooseUnits, vietnamToday, withoutRefused } from '../server/live/live-demo.ts';
import { isoVn } from '../server/live/sim-dossiers.ts';
import { createSimulator, type SimProcedure, type SimUnit } from '../server/live/simulator.ts';

const USAGE =
  'usage: npm run simulate -- --rate N [--url http://127.0.0.1:8080] [--seed S] [--batch-ms 1000] [--duration SECONDS]';
/** Events per POST (at most MAX_EVENTS): about 0.7 MB, a short commit each. */
const CHUNK = Math.min(MAX_EVENTS, 2000);
const REPORT_MS = 10_000;

/** A failure worth retrying with the same events (network, 5xx), or not (4xx: the events are wrong). */
class PostError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
    readonly problems?: EventProblem[],
  ) {
    super(message);
  }
}

/** "connection refused" rather than "fetch failed". */
function networkMessage(base: string, err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const why =
    cause?.code === 'ECONNREFUSED'
      ? 'connection refused (is the IOC running? start it with `npm start`, or pass --url)'
      : (cause?.code ?? cause?.message ?? String(err));
  return `cannot reach the IOC at ${base}: ${why}`;
}

/** The session's cookie and CSRF headers, after signIn(). */
let session: Record<string, string> = {};

async function signIn(base: string): Promise<void> {
  const username = process.env.IOC_USER || 'quantri';
  const password = process.env.IOC_PASSWORD;
  if (!password)
    throw new Error(
      `set IOC_PASSWORD to the password of ${username} ` +
        "(an admin account; `npm start` prints the demo accounts' passwords)",
    );
  let res: Response;
  try {
    res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new PostError(networkMessage(base, err), true);
  }
  const body = (await res.json().catch(() => ({}))) as { csrf_token?: string; message?: string; can?: string[] };
  if (!res.ok || !body.csrf_token)
    throw new Error(`cannot sign in to ${base} as ${username}: HTTP ${res.status} ${body.message ?? ''}`.trim());
  if (!body.can?.includes('ingest'))
    throw new Error(`${username} may not post events: an admin account is needed (IOC_USER)`);
  session = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': body.csrf_token };
}

async function request(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  const send = async () => {
    try {
      return await fetch(`${base}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), ...session },
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw new PostError(networkMessage(base, err), true);
    }
  };
  const res = await send();
  if (res.status !== 401) return res;
  await signIn(base); // the session ended (the server restarted with new demo passwords, or it expired)
  return send();
}

async function getJson<T>(base: string, path: string): Promise<T> {
  const res = await request(base, path);
  if (!res.ok)
    throw new PostError(`GET ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`, res.status >= 500);
  return (await res.json()) as T;
}

/** The base communes with their population, their base districts, and the catalogue, from the IOC's API. */
async function loadInputs(base: string): Promise<{ units: SimUnit[]; procedures: SimProcedure[]; communes: number }> {
  const flat: UnitNode[] = [];
  const walk = (n: UnitNode) => void (flat.push(n), n.children.forEach(walk));
  (await getJson<{ units: UnitNode[] }>(base, '/api/units')).units.forEach(walk);
  const today = vietnamToday();
  const { communes, districts } = chooseUnits(flat, today);
  if (communes.length === 0) throw new Error(`the IOC at ${base} has no base commune to simulate`);
  if (communes.every((u) => u.valid_to !== null && u.valid_to < today)) {
    console.log(
      `note: no base commune is in force on ${today}; using the ${communes.length} the data are recorded against`,
    );
  }
  const population = new Map<string, number>();
  for (const parent of new Set(communes.map((u) => u.parent_id))) {
    const answer = await getJson<{ rows: { unit: string; value: number | null }[] }>(
      base,
      `/api/indicators/population?unit=${encodeURIComponent(parent ?? '')}&by=unit`,
    );
    for (const r of answer.rows) if (r.value !== null) population.set(r.unit, r.value);
  }
  const units: SimUnit[] = communes.map((u) => ({ unit_id: u.unit_id, population: population.get(u.unit_id) ?? 0 }));
  for (const d of districts) {
    const members = communes.filter((u) => u.parent_id === d.unit_id);
    units.push({
      unit_id: d.unit_id,
      level: 'district',
      population: members.reduce((s, u) => s + (population.get(u.unit_id) ?? 0), 0),
    });
  }
  const { procedures } = await getJson<{ procedures: SimProcedure[] }>(base, '/api/procedures');
  return { units, procedures, communes: communes.length };
}

/** POSTs one chunk; a 4xx is final (its problems printed), a 5xx or a network error worth a retry. */
async function post(base: string, events: LiveEvent[]): Promise<{ accepted: number; duplicates: number }> {
  const res = await request(base, '/api/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  if (res.ok) return (await res.json()) as { accepted: number; duplicates: number };
  const text = await res.text();
  if (res.status >= 500) throw new PostError(`POST /api/events: HTTP ${res.status}`, true);
  let problems: EventProblem[] | undefined;
  try {
    problems = (JSON.parse(text) as { problems?: EventProblem[] }).problems;
  } catch {
    // not JSON: the text says it
  }
  const detail = problems
    ? problems
        .slice(0, 5)
        .map((p) => `#${p.index} ${p.event_id} ${p.field}: ${p.message}`)
        .join('\n  ')
    : text.slice(0, 300);
  throw new PostError(`POST /api/events: HTTP ${res.status}\n  ${detail}`, false, problems);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const number = (name: string, text: string | undefined, fallback: number, min: number): number => {
  const v = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(v) || v < min) throw new Error(`--${name} must be a number ≥ ${min}, not "${text}"\n${USAGE}`);
  return v;
};

interface Tally {
  sent: number;
  accepted: number;
  duplicates: number;
  /** population events the store refused: a death or a move out of a cell where nobody is left */
  refused: number;
}
const tally = (): Tally => ({ sent: 0, accepted: 0, duplicates: 0, refused: 0 });

/**
 * Sends a chunk until the IOC takes it: again after a network error or a 5xx, without the refused population
 * events after a 422.
 */
async function send(base: string, events: LiveEvent[], tallies: Tally[]): Promise<void> {
  let chunk = events;
  for (let attempt = 1; chunk.length > 0; attempt++) {
    try {
      const r = await post(base, chunk);
      for (const t of tallies) {
        t.sent += chunk.length;
        t.accepted += r.accepted;
        t.duplicates += r.duplicates;
      }
      return;
    } catch (err) {
      const rest = err instanceof PostError && err.problems ? withoutRefused(chunk, err.problems) : null;
      if (rest) {
        for (const t of tallies) t.refused += chunk.length - rest.length;
        chunk = rest;
        continue;
      }
      if (!(err instanceof PostError) || !err.retry) throw err;
      const wait = Math.min(30_000, 500 * 2 ** attempt);
      console.log(`${err.message}; sending the same ${chunk.length} events again in ${wait / 1000} s`);
      await sleep(wait);
    }
  }
}

function options() {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string' },
      url: { type: 'string' },
      seed: { type: 'string' },
      'batch-ms': { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help || values.rate === undefined) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return {
    rate: number('rate', values.rate, 0, 0),
    batchMs: number('batch-ms', values['batch-ms'], 1000, 50),
    durationMs: values.duration === undefined ? Infinity : number('duration', values.duration, 0, 1) * 1000,
    seed: values.seed === undefined ? randomBytes(4).readUInt32LE(0) : Math.floor(number('seed', values.seed, 0, 0)),
    base: (values.url ?? 'http://127.0.0.1:8080').replace(/\/+$/, ''),
  };
}

async function main(): Promise<void> {
  const { rate, batchMs, durationMs, seed, base } = options();
  const runId = randomBytes(5).toString('hex');
  await signIn(base);
  const inputs = await loadInputs(base);
  const sim = createSimulator({ seed, units: inputs.units, procedures: inputs.procedures, runId });
  console.log(
    `simulating ${inputs.communes} communes, ${inputs.procedures.length} procedures at ${rate} events/s on average ` +
      `→ ${base} (seed ${seed}, run ${runId})`,
  );

  let stopping = false;
  process.on('SIGINT', () => (stopping ? process.exit(130) : (stopping = true)));
  const start = Date.now();
  const end = start + durationMs;
  const total = tally();
  let window = tally();
  let since = start;
  for (let from = start; !stopping && from < end;) {
    await sleep(Math.max(0, from + batchMs - Date.now()));
    const to = Math.min(Date.now(), end);
    const events = sim.eventsBetween(from, to, rate);
    from = to;
    for (let i = 0; i < events.length; i += CHUNK) await send(base, events.slice(i, i + CHUNK), [total, window]);
    if (Date.now() - since >= REPORT_MS || from >= end || stopping) {
      const seconds = (Date.now() - since) / 1000;
      console.log(
        `${isoVn(Date.now()).slice(11, 19)} (Vietnam)  sent ${window.sent} (${(window.sent / seconds).toFixed(1)}/s; ` +
          `the model draws ${sim.expectedRate(Date.now(), rate).toFixed(1)}/s now, plus resolutions)  ` +
          `accepted ${window.accepted}  duplicates ${window.duplicates}  refused ${window.refused}  ` +
          `open dossiers ${sim.openDossiers()}`,
      );
      window = tally();
      since = Date.now();
    }
  }
  const seconds = (Date.now() - start) / 1000;
  console.log(
    `done: ${total.sent} events in ${seconds.toFixed(0)} s (${(total.sent / seconds).toFixed(2)}/s), ` +
      `accepted ${total.accepted}, duplicates ${total.duplicates}, ` +
      `refused ${total.refused} population events (nobody left in the store's cell to remove)`,
  );
}

main().catch((err: unknown) => {
  console.error(`simulate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
