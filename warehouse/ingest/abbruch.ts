import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { protokolliere } from '../audit.ts';
import { schreibgeschuetzt, speicherFehler } from '../speicherfehler.ts';
import type { Warehouse } from '../verbindung.ts';

interface LaufendeLadung {
  datei: string;
  benutzer: string;
  beginn: string;
  pid: number;
}

/**
 * A load runs in one transaction: killed (SIGKILL, power cut) it leaves the figures as they were, but
 * also no trace in the load log. So a note beside the warehouse file says which load is running; it
 * goes when the load ends either way. A note found on the next opening is a load that died: it is
 * logged as `abgebrochen` (and audited), and a CHECKPOINT gives the space of its rows back, so that
 * repeated aborted loads do not make the file grow.
 */
export const merkzettel = (wh: Warehouse) => `${wh.pfad}.ladung-laeuft`;

export async function mitMerkzettel<T>(
  wh: Warehouse,
  ladung: Omit<LaufendeLadung, 'beginn' | 'pid'>,
  fn: () => Promise<T>,
): Promise<T> {
  if (wh.pfad === ':memory:') return await fn();
  if (wh.nurLesen) throw schreibgeschuetzt(wh.pfad);
  try {
    writeFileSync(merkzettel(wh), JSON.stringify({ ...ladung, beginn: new Date().toISOString(), pid: process.pid }));
  } catch (e) {
    throw speicherFehler(e, wh.pfad) ?? e;
  }
  try {
    return await fn();
  } finally {
    rmSync(merkzettel(wh), { force: true });
  }
}

/** On opening for writing: records a load that died since the last opening. */
export async function nimmAbgebrocheneLadungAuf(wh: Warehouse): Promise<void> {
  const zettel = merkzettel(wh);
  if (wh.pfad === ':memory:' || !existsSync(zettel)) return;
  let l: LaufendeLadung;
  try {
    l = JSON.parse(readFileSync(zettel, 'utf8')) as LaufendeLadung;
  } catch {
    l = { datei: '(unbekannt: Merkzettel unlesbar)', benutzer: 'unbekannt', beginn: '', pid: 0 };
  }
  await wh.transaktion(async () => {
    const id = Number(await wh.wert(`SELECT nextval('ladung_seq')`));
    await wh.ausfuehren(
      // The content hash is not known: the note is written before the file is read.
      `INSERT INTO ladung BY NAME SELECT $id AS ladung_id, $datei AS dateiname, '' AS inhalt_hash, 'abgebrochen' AS status,
        0 AS zeilen, 0 AS ersetzt, 0 AS fehler, $benutzer AS benutzer, current_localtimestamp() AS zeitpunkt`,
      { id, datei: l.datei, benutzer: l.benutzer },
    );
    await protokolliere(wh, {
      benutzer: l.benutzer,
      aktion: 'import_abgebrochen',
      objekt: l.datei,
      details: `Ladung begonnen ${l.beginn} (Prozess ${l.pid}), nicht zu Ende geführt; nichts geladen`,
    });
  });
  await wh.ausfuehren('CHECKPOINT');
  rmSync(zettel, { force: true });
}
