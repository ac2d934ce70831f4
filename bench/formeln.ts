// 10.000 SRB.* cells of one recalculation: how long the cells wait for their figures (in Excel they show
// #BUSY! until then) beside how long the API alone takes to answer the same calls, measured in turns.
// The server runs in this process (loopback); the cells are the add-in's batch (Formelstapel) without Excel.
import pino from 'pino';
import { client } from '../addin/api/index.ts';
import { Formelstapel, sendeUeber } from '../addin/funktionen/index.ts';
import { starteServer } from '../api/index.ts';
import { legeBenutzerAn, oeffneWarehouse } from '../warehouse/index.ts';
import { verschiedeneAufrufe, zellenAufrufe } from './formeln-aufrufe.ts';

export interface FormelErgebnis {
  zellen: number;
  verschieden: number;
  anfragen: number;
  zellenMs: number;
  apiMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function formelBenchmark(db: string, zellen = 10_000, runden = 5): Promise<FormelErgebnis> {
  const wh = await oeffneWarehouse(db);
  await legeBenutzerAn(
    wh,
    { name: 'bench-formeln', rolle: 'jugendamt_controller', sozialraeume: [], passwort: 'bench-passwort-1' },
    'bench',
  );
  wh.schliessen();
  const server = await starteServer({
    db,
    host: '127.0.0.1',
    port: 0,
    officeJs: 'lokal',
    log: pino({ level: 'silent' }),
    eingang: undefined,
    berichte: undefined,
  });
  try {
    const basis = server.url;
    const r = await fetch(`${basis}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ benutzer: 'bench-formeln', passwort: 'bench-passwort-1' }),
    });
    const { token } = (await r.json()) as { token: string };
    const c = client({ server: basis, token });
    const aufrufe = zellenAufrufe(zellen);
    const verschieden = verschiedeneAufrufe();
    const zellenMs: number[] = [];
    const apiMs: number[] = [];
    let anfragen = 0;
    for (let i = 0; i < runden; i++) {
      // The API alone: the distinct calls in one request, as the batch sends them.
      const t0 = performance.now();
      const a = await fetch(`${basis}/api/v1/formeln`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ aufrufe: verschieden }),
      });
      await a.json();
      apiMs.push(performance.now() - t0);
      // The cells: each subscribes, the batch collects and sends; done when the last cell has its figure.
      const stapel = new Formelstapel<string>(sendeUeber(c), (e) => e.meldung);
      let offen = aufrufe.length;
      const t1 = performance.now();
      await new Promise<void>((fertig) => {
        for (const x of aufrufe)
          stapel.abonniere(x, {
            setResult: () => {
              if (--offen === 0) fertig();
            },
          });
      });
      zellenMs.push(performance.now() - t1);
      anfragen = stapel.anfragen;
    }
    return {
      zellen,
      verschieden: verschieden.length,
      anfragen,
      zellenMs: Math.round(median(zellenMs)),
      apiMs: Math.round(median(apiMs)),
    };
  } finally {
    await server.beenden();
  }
}
