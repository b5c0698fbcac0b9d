// Reads server-sent events from an IOC's /api/live over HTTP (inject() cannot hold a stream open):
// collects `event:` blocks until `until`, asked after each one, says stop. `onOpen` is called when the answer's
// head arrives: the server subscribes the stream in the same tick as it writes the head.
import { request as httpRequest, type IncomingMessage } from 'node:http';

export interface LiveMessage {
  id: string;
  event: string;
  data: string;
}

export function readLive(
  base: string,
  headers: Record<string, string>,
  until: (messages: LiveMessage[]) => boolean,
  timeout = 15_000,
  onOpen?: () => void,
): Promise<LiveMessage[]> {
  return new Promise((resolve, reject) => {
    const got: LiveMessage[] = [];
    const req = httpRequest(`${base}/api/live`, { headers }, (res: IncomingMessage) => {
      onOpen?.();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let cut: number;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, cut);
          buf = buf.slice(cut + 2);
          const f = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => !l.startsWith(':') && l.includes(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
          );
          if (f.event) got.push({ id: f.id ?? '', event: f.event, data: f.data ?? '' });
          if (until(got)) return (req.destroy(), resolve(got));
        }
      });
    });
    req.on('error', (e) => (got.length && until(got) ? resolve(got) : reject(e)));
    setTimeout(
      () => (
        req.destroy(),
        reject(new Error(`no matching live message within ${timeout} ms; got ${JSON.stringify(got).slice(0, 400)}`))
      ),
      timeout,
    ).unref();
    req.end();
  });
}
