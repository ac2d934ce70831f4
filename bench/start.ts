// How long a command takes to start, as installed (bin/srb.cjs over the compiled dist/): `srb --help`,
// `srb sql "SELECT 1"` on the demo warehouse, the server until its health route answers on an existing
// warehouse; beside `node -e 0`, measured in turns in the same run (a busy machine slows all alike).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const WURZEL = join(import.meta.dirname, '..');
const SRB = join(WURZEL, 'bin', 'srb.cjs');
const RUNDEN = 5;

export interface StartErgebnis {
  runden: number;
  /** Median seconds per measurement, and every round's. */
  median: Record<string, number>;
  einzeln: Record<string, number[]>;
}

function laufzeit(befehl: string, args: string[]): number {
  const beginn = performance.now();
  const r = spawnSync(befehl, args, { cwd: WURZEL, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const sekunden = (performance.now() - beginn) / 1000;
  if (r.status !== 0) throw new Error(`${befehl} ${args.join(' ')} endete mit ${r.status}: ${r.stderr}`);
  return sekunden;
}

/** From the spawn until GET /api/v1/health answers 200; then the server is stopped and awaited. */
async function serverBereit(db: string, port: number): Promise<number> {
  const beginn = performance.now();
  const p = spawn(process.execPath, [SRB, 'serve', '--db', db, '--port', String(port)], {
    cwd: WURZEL,
    stdio: 'ignore',
  });
  const ende = new Promise<void>((fertig) => p.once('exit', () => fertig()));
  try {
    for (;;) {
      if (p.exitCode !== null) throw new Error(`srb serve endete mit ${p.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return (performance.now() - beginn) / 1000;
      await new Promise((f) => setTimeout(f, 5));
    }
  } finally {
    p.kill('SIGTERM');
    await ende;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `ordner`: the bench's folder; the demo warehouse (--scale 1) is made there once. */
export async function startBenchmark(ordner: string): Promise<StartErgebnis> {
  // Builds dist/ if needed, outside the measurement.
  laufzeit(process.execPath, [SRB, '--help']);
  const demo = join(ordner, 'demo1', 'warehouse.duckdb');
  if (!existsSync(demo)) {
    console.log('Erzeuge das Demo-Warehouse mit --scale 1 …');
    laufzeit(process.execPath, [SRB, 'demo', '--scale', '1', '--db', demo]);
  }
  // srb sql writes its audit line: on a copy, so the demo warehouse stays as it was made.
  const db = join(ordner, 'start.duckdb');
  rmSync(`${db}.wal`, { force: true });
  copyFileSync(demo, db);
  const messungen: Record<string, () => number | Promise<number>> = {
    'node -e 0': () => laufzeit(process.execPath, ['-e', '0']),
    'srb --help': () => laufzeit(process.execPath, [SRB, '--help']),
    'srb sql "SELECT 1"': () => laufzeit(process.execPath, [SRB, 'sql', '--db', db, 'SELECT 1']),
    'Server bereit': () => serverBereit(db, 3921),
    'npm run -s srb -- --help': () => laufzeit('npm', ['run', '-s', 'srb', '--', '--help']),
    // As it ran before dist/: TypeScript through tsx at every start (still how tests and development run it).
    'tsx: srb --help': () => laufzeit(process.execPath, ['--import', 'tsx', join(WURZEL, 'cli', 'srb.ts'), '--help']),
    'tsx: srb sql "SELECT 1"': () =>
      laufzeit(process.execPath, ['--import', 'tsx', join(WURZEL, 'cli', 'srb.ts'), 'sql', '--db', db, 'SELECT 1']),
  };
  const einzeln: Record<string, number[]> = Object.fromEntries(Object.keys(messungen).map((n) => [n, []]));
  for (let i = 0; i < RUNDEN; i++)
    for (const [name, miss] of Object.entries(messungen)) einzeln[name]!.push(await miss());
  return {
    runden: RUNDEN,
    einzeln,
    median: Object.fromEntries(Object.entries(einzeln).map(([n, xs]) => [n, median(xs)])),
  };
}
