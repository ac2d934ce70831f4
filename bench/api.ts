// The API under load on loopback: each read endpoint at 50 connections beside a bare Hono endpoint
// measured in the same run, then 50 clients writing forecasts at once for 30 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { legeBenutzerAn, letztesQuartal, oeffneWarehouse } from '../warehouse/index.ts';

const TSX = join(import.meta.dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A child process; its request log goes to a file, so that reading it costs the load generator nothing. */
function starte(args: string[], bereit: RegExp): Promise<ChildProcess> {
  return new Promise((fertig, fehler) => {
    const protokoll = openSync(join(tmpdir(), 'srb-bench-server.log'), 'a');
    const p = spawn(process.execPath, [TSX, ...args], { stdio: ['ignore', protokoll, 'pipe'] });
    const lies = (d: Buffer) => {
      if (bereit.test(d.toString())) {
        p.stderr!.off('data', lies);
        p.stderr!.resume();
        fertig(p);
      }
    };
    p.stderr!.on('data', lies);
    p.once('exit', (code) => fehler(new Error(`${args.join(' ')} endete mit ${code}`)));
  });
}

/**
 * Stops a child and waits until it has gone: the next part must not start beside a server still
 * finishing its requests or closing its warehouse (it would share the cores, and hold the file's lock).
 */
async function beende(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const weg = new Promise((r) => p.once('exit', r));
  p.kill('SIGTERM');
  await weg;
}

const RUNDEN = 3;
const summe = (runden: autocannon.Result[], wert: (r: autocannon.Result) => number) =>
  runden.reduce((a, x) => a + wert(x), 0);

function last(url: string, kopf: Record<string, string>, sekunden: number): Promise<autocannon.Result> {
  return new Promise((fertig, fehler) => {
    autocannon({ url, connections: 50, duration: sekunden, headers: kopf }, (e, r) => (e ? fehler(e) : fertig(r)));
  });
}

export interface ApiErgebnis {
  endpunkte: Array<{ endpunkt: string; verhaeltnis: number; p99: number }>;
  prognosen: string;
}

export async function apiBenchmark(db: string, sekunden = 9): Promise<ApiErgebnis> {
  const wh = await oeffneWarehouse(db);
  await legeBenutzerAn(
    wh,
    { name: 'bench', rolle: 'jugendamt_controller', sozialraeume: [], passwort: 'bench-passwort-1' },
    'bench',
  );
  const { jahr, quartal } = await letztesQuartal(wh);
  wh.schliessen();

  const port = 3917;
  const server = await starte(
    [join(import.meta.dirname, '..', 'cli', 'srb.ts'), 'serve', '--db', db, '--port', String(port)],
    /läuft auf/,
  );
  try {
    const basis = `http://127.0.0.1:${port}/api/v1`;
    const anmeldung = await fetch(`${basis}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ benutzer: 'bench', passwort: 'bench-passwort-1' }),
    });
    const { token } = (await anmeldung.json()) as { token: string };
    const kopf = { authorization: `Bearer ${token}` };
    const zeile = (name: string, runden: autocannon.Result[]) =>
      console.log(
        `  ${name.padEnd(44)} ${String(Math.round(summe(runden, (x) => x.requests.total) / sekunden)).padStart(7)} Anfragen/s   ` +
          `p99 ${String(Math.max(...runden.map((x) => x.latency.p99))).padStart(4)} ms   Fehler ${summe(runden, (x) => x.errors + x.non2xx)}`,
      );
    console.log(`\nAPI unter Last (50 Verbindungen, je ${sekunden} s in ${RUNDEN} Runden, Warehouse ${db})`);
    console.log(
      'Je Endpunkt daneben ein bares Hono mit gleich großer Antwort, im Wechsel mit unserem gemessen; p99: schlechteste Runde.',
    );
    const endpunkte = [
      `/finanzvolumen?jahr=${jahr}`,
      `/verbrauch?jahr=${jahr}&gruppe=monat,topf`,
      `/abweichung?jahr=${jahr}&quartal=${quartal}`,
      '/kontrakte/abgleich',
      '/personal/pruefung',
    ];
    const ergebnis: ApiErgebnis = { endpunkte: [], prognosen: '' };
    for (const [i, e] of endpunkte.entries()) {
      const koerper = join(tmpdir(), `srb-bench-koerper-${i}.json`);
      writeFileSync(koerper, await (await fetch(`${basis}${e}`, { headers: kopf })).text());
      // Bare and ours alternate in short rounds, so that a neighbour's load on this shared machine
      // falls on both alike.
      const bare = await starte([join(import.meta.dirname, 'schritte', 'bare-hono.ts'), '3918', koerper], /bereit/);
      const b: autocannon.Result[] = [];
      const r: autocannon.Result[] = [];
      try {
        for (let runde = 0; runde < RUNDEN; runde++) {
          b.push(await last('http://127.0.0.1:3918/bare', {}, sekunden / RUNDEN));
          r.push(await last(`${basis}${e}`, kopf, sekunden / RUNDEN));
        }
      } finally {
        await beende(bare);
      }
      zeile(`${e}`, r);
      zeile(`  bares Hono, ${statSync(koerper).size} Bytes`, b);
      const verhaeltnis = summe(r, (x) => x.requests.total) / summe(b, (x) => x.requests.total);
      console.log(
        `  ${''.padEnd(44)} ${verhaeltnis.toFixed(2).replace('.', ',')} × Basis (Ziel ≥ 0,5), p99 Ziel < 50 ms`,
      );
      ergebnis.endpunkte.push({ endpunkt: e, verhaeltnis, p99: Math.max(...r.map((x) => x.latency.p99)) });
    }
    ergebnis.prognosen = await schreibLast(basis, kopf, jahr);
    return ergebnis;
  } finally {
    await beende(server);
  }
}

/** 50 clients write forecasts for the same Sozialraum for 30 s; each retries on 409 on the newest version. */
async function schreibLast(basis: string, kopf: Record<string, string>, jahr: number): Promise<string> {
  const vorher = (
    (await (await fetch(`${basis}/prognosen?jahr=${jahr}&sozialraum=konz`, { headers: kopf })).json()) as {
      versionen: unknown[];
    }
  ).versionen.length;
  const ende = Date.now() + 30_000;
  const zaehler = { geschrieben: 0, konflikte: 0, andere: 0 };
  const client = async (nr: number) => {
    while (Date.now() < ende) {
      const p = (await (await fetch(`${basis}/prognosen?jahr=${jahr}&sozialraum=konz`, { headers: kopf })).json()) as {
        version: { version_id: number } | null;
      };
      const r = await fetch(`${basis}/prognosen`, {
        method: 'POST',
        headers: { ...kopf, 'content-type': 'application/json' },
        body: JSON.stringify({
          jahr,
          sozialraum: 'konz',
          basisVersion: p.version?.version_id ?? null,
          kommentar: `Client ${nr}`,
          werte: [{ topf: 'asd', monat: 12, betrag: `${1000 + nr}.00` }],
        }),
      });
      if (r.status === 201) zaehler.geschrieben++;
      else if (r.status === 409) zaehler.konflikte++;
      else zaehler.andere++;
      await r.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 50 }, (_, i) => client(i)));
  const p = (await (await fetch(`${basis}/prognosen?jahr=${jahr}&sozialraum=konz`, { headers: kopf })).json()) as {
    versionen: Array<{ basis_version: number | null; version_id: number }>;
  };
  // No lost update: every version is based on the one before it, and every 201 is a version.
  const kette = p.versionen.every((v, i) => v.basis_version === (p.versionen[i + 1]?.version_id ?? null));
  console.log(`\nPrognosen: 50 Clients schreiben 30 s lang`);
  console.log(
    `  gespeichert ${zaehler.geschrieben}, 409 ${zaehler.konflikte}, andere Fehler ${zaehler.andere} (Ziel 0)`,
  );
  const neu = p.versionen.length - vorher;
  console.log(
    `  neue Versionen ${neu} = gespeichert ${zaehler.geschrieben}: ${neu === zaehler.geschrieben ? 'ja' : 'NEIN'}; lückenlose Kette: ${kette ? 'ja' : 'NEIN'}`,
  );
  return `${zaehler.geschrieben} gespeichert, ${zaehler.andere} Fehler, Kette ${kette && neu === zaehler.geschrieben ? 'lückenlos' : 'GEBROCHEN'}`;
}
