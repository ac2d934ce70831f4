import type { Warehouse } from '../verbindung.ts';
import type { Dateiart } from './vertrag.ts';

export interface Uebernahme {
  ladungId: number;
  zeilen: number;
  ersetzt: number;
  absender: string;
}

/**
 * Moves the checked rows of `neu` into the warehouse in one transaction: rows of earlier loads in the
 * same range (same sender, Sozialraum, months …) go to history, the new rows come in, the load is logged.
 */
export async function uebernimm(wh: Warehouse, art: Dateiart, protokoll: { dateiname: string; hash: string; benutzer: string }): Promise<Uebernahme> {
  return await wh.transaktion(async () => {
    const ladungId = Number(await wh.wert(`SELECT nextval('ladung_seq')`));
    const bereich = art.bereich.join(', ');
    await wh.ausfuehren(`CREATE OR REPLACE TEMP TABLE bereich AS SELECT DISTINCT ${bereich} FROM neu`);
    const treffer = `(${bereich}) IN (SELECT * FROM bereich)`;
    await wh.ausfuehren(`INSERT INTO historie_${art.tabelle} SELECT *, ${ladungId} FROM ${art.tabelle} WHERE ${treffer}`);
    const ersetzt = Number(await wh.wert(`SELECT count(*) FROM historie_${art.tabelle} WHERE ersetzt_durch = ${ladungId}`));
    if (ersetzt > 0) await wh.ausfuehren(`DELETE FROM ${art.tabelle} WHERE ${treffer}`);
    const spalten = art.spalten.map((s) => `"${s.name}"`).join(', ');
    await wh.ausfuehren(`INSERT INTO ${art.tabelle} BY NAME SELECT ${spalten}, absender, ${ladungId} AS ladung_id FROM neu`);
    const zeilen = Number(await wh.wert('SELECT count(*) FROM neu'));
    if (art.spalten.some((s) => s.name === 'traeger')) {
      await wh.ausfuehren(`INSERT OR IGNORE INTO traeger SELECT DISTINCT traeger, ${ladungId} FROM neu`);
    }
    const absender = String(await wh.wert(`SELECT string_agg(DISTINCT absender, ', ' ORDER BY absender) FROM neu`));
    await wh.ausfuehren(
      `INSERT INTO ladung VALUES ($id, $datei, $hash, $art, $absender, 'geladen', $zeilen, $ersetzt, 0, $benutzer, current_localtimestamp(), NULL)`,
      { id: ladungId, datei: protokoll.dateiname, hash: protokoll.hash, art: art.art, absender, zeilen, ersetzt, benutzer: protokoll.benutzer },
    );
    await wh.ausfuehren(`INSERT INTO audit (benutzer, aktion, objekt, details) VALUES ($b, 'import', $o, $d)`, {
      b: protokoll.benutzer, o: protokoll.dateiname,
      d: `Ladung ${ladungId}: ${art.art}, ${zeilen} Zeilen, ${ersetzt} ersetzt`,
    });
    return { ladungId, zeilen, ersetzt, absender };
  });
}

/** A rejected file is logged too (the log is not the warehouse's figures, so nothing there changes). */
export async function protokolliereAblehnung(
  wh: Warehouse,
  eintrag: { dateiname: string; hash: string; art?: string; fehler: number; benutzer: string; quarantaene: string },
): Promise<number> {
  const ladungId = Number(await wh.wert(`SELECT nextval('ladung_seq')`));
  await wh.ausfuehren(
    `INSERT INTO ladung VALUES ($id, $datei, $hash, $art, NULL, 'abgelehnt', 0, 0, $fehler, $benutzer, current_localtimestamp(), $q)`,
    { id: ladungId, datei: eintrag.dateiname, hash: eintrag.hash, art: eintrag.art ?? null, fehler: eintrag.fehler, benutzer: eintrag.benutzer, q: eintrag.quarantaene },
  );
  await wh.ausfuehren(`INSERT INTO audit (benutzer, aktion, objekt, details) VALUES ($b, 'import_abgelehnt', $o, $d)`, {
    b: eintrag.benutzer, o: eintrag.dateiname, d: `${eintrag.fehler} Fehler, Datei in Quarantäne`,
  });
  return ladungId;
}
