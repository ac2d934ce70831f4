import { aktualisiereKennzahlstand, markiereVeraltet, type Kennzahlzeitpunkt } from '../kennzahlstand.ts';
import { protokolliere } from '../audit.ts';
import type { Warehouse } from '../verbindung.ts';
import type { Dateiart } from './vertrag.ts';

export interface Uebernahme {
  ladungId: number;
  zeilen: number;
  ersetzt: number;
  absender: string;
}

/**
 * One load in one transaction: `fuelle` puts the new rows into the fact table under the load's id
 * (and may throw, which undoes everything); rows of earlier loads in the same range (same sender,
 * Sozialraum, months …) then go to history, and the load is logged.
 */
export async function uebernimm(
  wh: Warehouse,
  art: Dateiart,
  protokoll: {
    dateiname: string;
    hash: string;
    benutzer: string;
    ablage: string | null;
    /** The kept copy being written: a load is logged only with its file in place (else all is undone). */
    ablageFertig: Promise<void>;
    kennzahlen: Kennzahlzeitpunkt;
  },
  fuelle: (ladungId: number) => Promise<void>,
  /** The last step before the COMMIT (the note of the lines still to write, abbruch.ts). */
  vorDemCommit: (ladungId: number) => void = () => {},
): Promise<Uebernahme> {
  return await wh.transaktion(async () => {
    const ladungId = Number(await wh.wert(`SELECT nextval('ladung_seq')`));
    await fuelle(ladungId);
    const neu = `(SELECT * FROM ${art.tabelle} WHERE ladung_id = ${ladungId})`;
    const bereich = art.bereich.join(', ');
    await wh.ausfuehren(`CREATE OR REPLACE TEMP TABLE bereich AS SELECT DISTINCT ${bereich} FROM ${neu}`);
    const frueher = `ladung_id <> ${ladungId} AND (${bereich}) IN (SELECT * FROM bereich)`;
    await wh.ausfuehren(
      `INSERT INTO historie_${art.tabelle} BY NAME SELECT *, ${ladungId} AS ersetzt_durch FROM ${art.tabelle} WHERE ${frueher}`,
    );
    const ersetzt = Number(
      await wh.wert(`SELECT count(*) FROM historie_${art.tabelle} WHERE ersetzt_durch = ${ladungId}`),
    );
    if (ersetzt > 0) await wh.ausfuehren(`DELETE FROM ${art.tabelle} WHERE ${frueher}`);
    const [z] = await wh.abfrage(
      `SELECT count(*) AS zeilen, string_agg(DISTINCT absender, ', ' ORDER BY absender) AS absender FROM ${neu}`,
    );
    const zeilen = Number(z!.zeilen);
    const absender = String(z!.absender);
    if (art.spalten.some((s) => s.name === 'traeger')) {
      await wh.ausfuehren(`INSERT OR IGNORE INTO traeger SELECT DISTINCT traeger, ${ladungId} FROM ${neu}`);
    }
    await protokoll.ablageFertig;
    await wh.ausfuehren(
      `INSERT INTO ladung BY NAME SELECT $id AS ladung_id, $datei AS dateiname, $hash AS inhalt_hash, $art AS art, $absender AS absender,
        'geladen' AS status, $zeilen AS zeilen, $ersetzt AS ersetzt, 0 AS fehler, $benutzer AS benutzer, current_localtimestamp() AS zeitpunkt, $ablage AS ablage`,
      {
        id: ladungId,
        datei: protokoll.dateiname,
        hash: protokoll.hash,
        art: art.art,
        absender,
        zeilen,
        ersetzt,
        benutzer: protokoll.benutzer,
        ablage: protokoll.ablage,
      },
    );
    await protokolliere(wh, {
      benutzer: protokoll.benutzer,
      aktion: 'import',
      objekt: protokoll.dateiname,
      details: `Ladung ${ladungId}: ${art.art}, ${zeilenText(zeilen)}, ${ersetzt} ersetzt`,
    });
    await (protokoll.kennzahlen === 'sofort' ? aktualisiereKennzahlstand(wh) : markiereVeraltet(wh));
    vorDemCommit(ladungId);
    return { ladungId, zeilen, ersetzt, absender };
  });
}

/** "1 Zeile", "2 Zeilen". */
export function zeilenText(n: number): string {
  return n === 1 ? '1 Zeile' : `${n} Zeilen`;
}

/**
 * A rejected file is logged too (the log is not the warehouse's figures, so nothing there changes),
 * with its sender as far as the file names one (the mapping, or the rows that could be read).
 */
export async function protokolliereAblehnung(
  wh: Warehouse,
  eintrag: {
    dateiname: string;
    hash: string;
    art?: string;
    absender?: string | null;
    fehler: number;
    benutzer: string;
    quarantaene: string;
  },
): Promise<number> {
  const ladungId = Number(await wh.wert(`SELECT nextval('ladung_seq')`));
  await wh.ausfuehren(
    `INSERT INTO ladung BY NAME SELECT $id AS ladung_id, $datei AS dateiname, $hash AS inhalt_hash, $art AS art, $absender AS absender,
      'abgelehnt' AS status, 0 AS zeilen, 0 AS ersetzt, $fehler AS fehler, $benutzer AS benutzer, current_localtimestamp() AS zeitpunkt, $q AS quarantaene`,
    {
      id: ladungId,
      datei: eintrag.dateiname,
      hash: eintrag.hash,
      art: eintrag.art ?? null,
      absender: eintrag.absender ?? null,
      fehler: eintrag.fehler,
      benutzer: eintrag.benutzer,
      q: eintrag.quarantaene,
    },
  );
  await protokolliere(wh, {
    benutzer: eintrag.benutzer,
    aktion: 'import_abgelehnt',
    objekt: eintrag.dateiname,
    details: `${eintrag.fehler} Fehler, Datei in Quarantäne`,
  });
  return ladungId;
}
