import { sqlDatei } from '../sql.ts';
import { protokolliere } from '../audit.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';
import { aktualisiereKennzahlstand } from '../kennzahlstand.ts';
import { nachSchema } from '../abfragen/kennzahlen.ts';
import { TOEPFE } from '../abfragen/felder.ts';
import { monateZeile, prognosemonat, type Prognosemonat } from './monate.ts';
import { prognoseversion, type Prognoseversion } from './versionen.ts';
import { prognosewert, type Prognosewert } from './werte.ts';
import { prognose, prognoseblatt, type Prognose, type Prognoseblatt } from './schema.ts';

export { monateZeile, prognosemonat, prognoseversion, prognosewert, prognose, prognoseblatt };
export type { Prognosemonat, Prognoseversion, Prognosewert, Prognose, Prognoseblatt };

// Forecast write-back (docs/regeln.md §5): every write is a new version; nothing is overwritten.

const sql = (name: string) => sqlDatei(import.meta.url, name);

export const PROGNOSE_TOEPFE = TOEPFE;

// The rows of this module's queries, read as their schemas (beside each .sql file) say.
const versionenVon = async (wh: Warehouse, jahr: number, sozialraum: string): Promise<Prognoseversion[]> =>
  nachSchema(prognoseversion, await wh.abfrage(sql('versionen'), { jahr, sozialraum }), 'prognose/versionen');
const werteVon = async (wh: Warehouse, version: number): Promise<Prognosewert[]> =>
  nachSchema(prognosewert, await wh.abfrage(sql('werte'), { version }), 'prognose/werte');

export async function lesePrognose(wh: Warehouse, jahr: number, sozialraum: string): Promise<Prognose> {
  const versionen = await versionenVon(wh, jahr, sozialraum);
  const version = versionen[0] ?? null;
  const werte = version ? await werteVon(wh, version.version_id) : [];
  const letzterIstMonat = Number(await wh.wert(sql('offene_monate'), { jahr, sozialraum }));
  return { jahr, sozialraum, letzterIstMonat, version, werte, versionen };
}

export interface Prognoseschreiben {
  jahr: number;
  sozialraum: string;
  basisVersion: number | null;
  kommentar: string;
  autor: string;
  organisation: string;
  werte: Array<{ topf: string; monat: number; betrag: string }>;
}

/** Thrown when the write is based on an older version than the latest: the caller sees who wrote what. */
export class PrognoseKonflikt extends Error {
  constructor(
    readonly aktuell: Prognoseversion,
    readonly geaenderteZellen: Array<{ topf: string; monat: number; basis: string | null; aktuell: string | null }>,
  ) {
    super(
      `Die Prognose wurde inzwischen von ${aktuell.autor} (${aktuell.organisation}) geändert (Version ${aktuell.version_id}).`,
    );
  }
}

const BETRAG = /^\d{1,13}(\.\d{1,2})?$/;

/**
 * Writes a new version: the cells of the latest version, with the given cells replaced. Checks every
 * cell first (pot, open month, amount) and names each bad one; writes nothing if any is bad.
 */
export async function schreibePrognose(wh: Warehouse, p: Prognoseschreiben): Promise<{ version: number }> {
  return await wh.transaktion(async () => {
    // The version check comes first and alone: under load most writes are stale and end here.
    const versionen = await versionenVon(wh, p.jahr, p.sozialraum);
    const aktuell = versionen[0]?.version_id ?? null;
    if (aktuell === null && p.basisVersion !== null) {
      throw new WarehouseFehler(
        'prognose_ungueltig',
        `Die Basisversion ${p.basisVersion} gibt es für ${p.sozialraum} ${p.jahr} nicht; es gibt noch keine Prognose (basisVersion null).`,
      );
    }
    if (aktuell !== p.basisVersion) {
      const basisWerte = p.basisVersion === null ? [] : await werteVon(wh, p.basisVersion);
      const zellen = new Map<string, { topf: string; monat: number; basis: string | null; aktuell: string | null }>();
      for (const w of basisWerte)
        zellen.set(`${w.topf}|${w.monat}`, { topf: w.topf, monat: w.monat, basis: w.betrag, aktuell: null });
      const aktuelleWerte = aktuell === null ? [] : await werteVon(wh, aktuell);
      for (const w of aktuelleWerte) {
        const z = zellen.get(`${w.topf}|${w.monat}`) ?? { topf: w.topf, monat: w.monat, basis: null, aktuell: null };
        zellen.set(`${w.topf}|${w.monat}`, { ...z, aktuell: w.betrag });
      }
      throw new PrognoseKonflikt(
        versionen[0]!,
        [...zellen.values()].filter((z) => z.basis !== z.aktuell),
      );
    }
    const vorher = await lesePrognose(wh, p.jahr, p.sozialraum);
    const fehler: string[] = [];
    const gesehen = new Set<string>();
    for (const [i, w] of p.werte.entries()) {
      const wo = `Zeile ${i + 1} (${w.topf}, Monat ${w.monat})`;
      if (gesehen.has(`${w.topf}|${w.monat}`)) fehler.push(`${wo}: diese Zelle steht mehrfach in der Anfrage`);
      gesehen.add(`${w.topf}|${w.monat}`);
      if (!(PROGNOSE_TOEPFE as readonly string[]).includes(w.topf))
        fehler.push(`${wo}: Topf „${w.topf}“ gibt es nicht (erlaubt: ${PROGNOSE_TOEPFE.join(', ')})`);
      if (!Number.isInteger(w.monat) || w.monat < 1 || w.monat > 12) fehler.push(`${wo}: Monat muss 1 bis 12 sein`);
      else if (w.monat <= vorher.letzterIstMonat)
        fehler.push(
          `${wo}: für diesen Monat gibt es schon Ist-Werte (bis Monat ${vorher.letzterIstMonat}); nur offene Monate lassen sich prognostizieren`,
        );
      if (!BETRAG.test(w.betrag)) {
        fehler.push(
          w.betrag.startsWith('-')
            ? `${wo}: Betrag ${w.betrag} ist negativ`
            : `${wo}: „${w.betrag}“ ist kein Betrag (Zahl ≥ 0 mit höchstens zwei Nachkommastellen)`,
        );
      }
    }
    if (fehler.length > 0)
      throw new WarehouseFehler('prognose_ungueltig', `Die Prognose wurde nicht gespeichert: ${fehler.join('; ')}.`, {
        fehler,
      });
    const version = Number(await wh.wert(`SELECT nextval('prognose_version_seq')`));
    await wh.ausfuehren(`INSERT INTO prognose_version VALUES ($v, $j, $s, $b, $a, $o, current_localtimestamp(), $k)`, {
      v: version,
      j: p.jahr,
      s: p.sozialraum,
      b: p.basisVersion,
      a: p.autor,
      o: p.organisation,
      k: p.kommentar,
    });
    const neu = new Map(
      vorher.werte.filter((w) => w.monat > vorher.letzterIstMonat).map((w) => [`${w.topf}|${w.monat}`, w]),
    );
    for (const w of p.werte) neu.set(`${w.topf}|${w.monat}`, w);
    for (const w of neu.values()) {
      await wh.ausfuehren('INSERT INTO prognose_wert VALUES ($v, $t, $m, CAST($b AS DECIMAL(18,2)))', {
        v: version,
        t: w.topf,
        m: w.monat,
        b: w.betrag,
      });
    }
    await protokolliere(wh, {
      benutzer: p.autor,
      aktion: 'prognose',
      objekt: `${p.jahr}/${p.sozialraum}`,
      details: `Version ${version} auf Basis ${p.basisVersion ?? 'keiner'}, ${p.werte.length} Zellen`,
    });
    await aktualisiereKennzahlstand(wh, { jahr: p.jahr, sozialraum: p.sozialraum });
    return { version };
  });
}

/**
 * What a forecast sheet shows: per pot and month the actuals (closed months), the automatic projection
 * and the latest written forecast (open months), with the version the sheet is based on.
 */
export async function lesePrognosemonate(wh: Warehouse, jahr: number, sozialraum: string): Promise<Prognoseblatt> {
  const p = await lesePrognose(wh, jahr, sozialraum);
  const zeilen = nachSchema(
    monateZeile,
    await wh.abfrage(sql('monate'), { jahr, sozialraum, bis: p.letzterIstMonat }),
    'prognose/monate',
  );
  const geschrieben = new Map(p.werte.map((w) => [`${w.topf}|${w.monat}`, w.betrag]));
  return {
    ...p,
    monate: zeilen.map((z) => ({
      ...z,
      prognose: z.monat > p.letzterIstMonat ? (geschrieben.get(`${z.topf}|${z.monat}`) ?? null) : null,
    })),
  };
}
