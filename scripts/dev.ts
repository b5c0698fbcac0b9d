// `npm run dev`: starts the API (tsx server/main.ts) and the Vite dev server, which proxies /api and
// /fonts to it; portable (no shell `&`), and stopping one stops both.
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [];
const run = (args: string[]) => {
  const child = spawn(process.execPath, args, { stdio: 'inherit', env: process.env });
  children.push(child);
  child.on('exit', (code) => stop(code ?? 0));
  return child;
};

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exitCode = code;
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run(['--import', 'tsx', 'server/main.ts']);
run(['node_modules/vite/bin/vite.js']);
