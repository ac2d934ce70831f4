// 10.000 SRB.* cells of one recalculation: how long the cells wait for their figures (in Excel they show
// #BUSY! until then) beside how long the API alone takes to answer the same calls, measured in turns.
// The server runs in this process (loopback); the cells are the add-in's batch (Formelstapel) without Excel.
import pino from 'pino';
import { client } from '../addin/api/index.ts';
import { Formelstapel, sendeUeber } from '../addin/funktionen/index.ts';
import { starteServer } from '../api/index.ts';
import { legeBenutzerAn, oeffneWarehouse } from '../warehouse/index.ts';
import { verschiedeneAufrufe, zellenAufrufe } from './formeln-aufrufe.ts';

/** Median times of a recalculation: the first after a change (the warehouse read), and one more with the figures unchanged. */
export interface Wartezeit {
  zellenMs: number;
  apiMs: number;
}
export interface FormelErgebnis {
  zellen: number;
  verschieden: number;
  anfragen: number;
  kalt: Wartezeit;
  warm: Wartezeit;
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
    const zeiten = {
      kalt: { zellen: [] as number[], api: [] as number[] },
      warm: { zellen: [] as number[], api: [] as number[] },
    };
    let anfragen = 0;
    // The API alone: the distinct calls in one request, as the batch sends them.
    const api = async () => {
      const t0 = performance.now();
      const a = await fetch(`${basis}/api/v1/formeln`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ aufrufe: verschieden }),
      });
      await a.json();
      return performance.now() - t0;
    };
    // The cells of a workbook just opened: each subscribes, the batch collects and sends; done when
    // the last cell has its figure.
    const zellenWarten = async () => {
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
      anfragen = stapel.anfragen;
      return performance.now() - t1;
    };
    // A change of the figures (as a forecast written elsewhere would make) before each cold turn.
    const aendere = () => server.dienste.geaendert('prognose', { bench: true });
    for (let i = 0; i < runden; i++) {
      await aendere();
      zeiten.kalt.api.push(await api());
      await aendere();
      zeiten.kalt.zellen.push(await zellenWarten());
      zeiten.warm.api.push(await api());
      zeiten.warm.zellen.push(await zellenWarten());
    }
    const wartezeit = (z: { zellen: number[]; api: number[] }): Wartezeit => ({
      zellenMs: Math.round(median(z.zellen)),
      apiMs: Math.round(median(z.api)),
    });
    return {
      zellen,
      verschieden: verschieden.length,
      anfragen,
      kalt: wartezeit(zeiten.kalt),
      warm: wartezeit(zeiten.warm),
    };
  } finally {
    await server.beenden();
  }
}
