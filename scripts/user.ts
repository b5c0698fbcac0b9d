// npm run user -- <command>: accounts of the IOC, on the store (IOC_DB, default data/ioc.duckdb) while
// the server is stopped (a DuckDB store is open in one process at a time; with the server running,
// use the Tài khoản screen). Passwords are read from IOC_PASSWORD or generated and printed once —
// never taken from the command line, where other users of the machine could read them.
//
//   npm run user -- add <username> --role admin|leader|planner|staff --unit <unit_id> --name "<full name>"
//   npm run user -- list
//   npm run user -- passwd <username>
//   npm run user -- disable <username> | enable <username>
//   npm run user -- set <username> [--role R] [--unit U] [--name N]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openStore } from '../data/pipeline/store.ts';
import { SerialConnection } from '../server/db/serial.ts';
import { AuthStore } from '../server/auth/store.ts';
import { AuditLog } from '../server/audit/log.ts';
import { checkUnit, createAccount } from '../server/auth/accounts.ts';
import { generatePassword, passwordProblem } from '../server/auth/passwords.ts';
import { isRole, ROLE_LABEL } from '../server/auth/roles.ts';
import { loadUnitDirectory } from '../server/units/directory.ts';
import { HttpError } from '../server/errors.ts';

const USAGE =
  `usage:
  npm run user -- add <username> --role admin|leader|planner|staff --unit <unit_id> --name "<full name>"
  npm run user -- list
  npm run user -- passwd <username>
  npm run user -- disable <username>
  npm run user -- enable <username>
  npm run user -- set <username> [--role R] [--unit U] [--name "N"]
The password comes from IOC_PASSWORD, or is generated and printed once. ` +
  'The store is IOC_DB (default data/ioc.duckdb); stop the server first.';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, username] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const db = process.env.IOC_DB || 'data/ioc.duckdb';
  if (!existsSync(db)) {
    console.error(
      `no store at ${db}: start the IOC once (npm start) or import data first (npm run import -- <folder>)`,
    );
    return 1;
  }
  let store;
  try {
    store = await openStore(db);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    console.error(
      /lock/i.test(msg)
        ? `the store ${db} is in use (is the server running?): stop it, or manage accounts on the Tài khoản screen`
        : `cannot open ${db}: ${msg}`,
    );
    return 1;
  }
  const writer = await SerialConnection.open(store.instance);
  try {
    const units = await loadUnitDirectory(store.connection);
    const auth = await AuthStore.open(writer);
    const log = await AuditLog.open(writer);
    const record = (action: string, detail: string, account?: string) =>
      log.append({
        account: account ?? null,
        role: null,
        ip: null,
        action,
        method: null,
        route: 'npm run user',
        params: null,
        units: [],
        rows: null,
        status: null,
        format: null,
        bytes: null,
        sha256: null,
        detail: `${detail} (by ${process.env.USER ?? 'unknown'} on the command line)`,
      });
    const need = () => {
      if (!username) throw new Error(`${command}: the user name is missing\n${USAGE}`);
      if (!auth.get(username)) throw new Error(`no account "${username}" (npm run user -- list)`);
      return username;
    };
    switch (command) {
      case 'add': {
        if (!username) throw new Error(`add: the user name is missing\n${USAGE}`);
        if (!values.role || !values.unit || !values.name)
          throw new Error(`add: --role, --unit and --name are needed\n${USAGE}`);
        const { account, password } = await createAccount(auth, units, {
          username,
          display_name: values.name,
          role: values.role,
          unit_id: values.unit,
          password: process.env.IOC_PASSWORD || undefined,
        });
        await record(
          'account_create',
          `${account.username} as ${account.role} of ${account.unit_id}`,
          account.username,
        );
        console.log(
          `created ${account.username}: ${ROLE_LABEL[account.role].vi} · ` +
            `${units.get(account.unit_id)?.name ?? account.unit_id}`,
        );
        if (!process.env.IOC_PASSWORD) console.log(`password (shown once): ${password}`);
        break;
      }
      case 'list': {
        const rows = auth.list();
        if (rows.length === 0) console.log('no account yet');
        for (const a of rows)
          console.log(
            `${a.username.padEnd(20)} ${a.role.padEnd(8)} ${a.active ? 'active  ' : 'disabled'} ` +
              `${units.get(a.unit_id)?.name ?? a.unit_id} · ${a.display_name}${a.demo ? ' (demo)' : ''}`,
          );
        break;
      }
      case 'passwd': {
        const name = need();
        const password = process.env.IOC_PASSWORD || generatePassword();
        const problem = passwordProblem(password, name);
        if (problem) throw new Error(problem.en);
        await auth.setPassword(name, password);
        await record('password_reset', `${name}: password set`, name);
        console.log(
          process.env.IOC_PASSWORD
            ? `password of ${name} set; its sessions ended`
            : `new password of ${name} (shown once): ${password}`,
        );
        break;
      }
      case 'disable':
      case 'enable': {
        const name = need();
        await auth.update(name, { active: command === 'enable' });
        await record('account_update', `${name}: active → ${command === 'enable'}`, name);
        console.log(`${name} ${command}d`);
        break;
      }
      case 'set': {
        const name = need();
        if (values.role !== undefined && !isRole(values.role))
          throw new Error(`no role "${values.role}" (admin, leader, planner, staff)`);
        if (values.unit !== undefined) checkUnit(units, values.unit);
        const change = {
          ...(values.role ? { role: values.role as 'admin' } : {}),
          ...(values.unit ? { unit_id: values.unit } : {}),
          ...(values.name ? { display_name: values.name } : {}),
        };
        if (Object.keys(change).length === 0) throw new Error(`set: nothing to change\n${USAGE}`);
        await auth.update(name, change);
        await record('account_update', `${name}: ${JSON.stringify(change)}`, name);
        console.log(`${name} changed`);
        break;
      }
      default:
        throw new Error(`unknown command "${command}"\n${USAGE}`);
    }
    await log.drain();
    return 0;
  } catch (err) {
    console.error(err instanceof HttpError ? err.messageEn : err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    await writer.close();
    store.connection.closeSync();
    store.instance.closeSync();
  }
}

process.exitCode = await main();
