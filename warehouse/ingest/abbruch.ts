import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { protokolliere } from '../audit.ts';
import { schreibgeschuetzt, speicherFehler } from '../speicherfehler.ts';
import type { Warehouse } from '../verbindung.ts';
import { z } from 'zod';
import { nummeriere, nummerierung, type Nummerierung } from './nummerierung.ts';

const laufendeLadung = z.object({
  datei: z.string(),
  benutzer: z.string(),
  beginn: z.string(),
  pid: z.number(),
  /** Set just before the load's COMMIT: what its lines will still need (nummerierung.ts). */
  nummerierung: nummerierung.optional(),
});
type LaufendeLadung = z.infer<typeof laufendeLadung>;

/** The note's content, or undefined where it is no JSON. */
function lesbar(zettel: string): unknown {
  try {
    return JSON.parse(readFileSync(zettel, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Writes the note whole or not at all (a kill while writing leaves the earlier note, never half of one). */
function schreibeZettel(wh: Warehouse, l: LaufendeLadung): void {
  const zettel = merkzettel(wh);
  writeFileSync(`${zettel}.neu`, JSON.stringify(l));
  renameSync(`${zettel}.neu`, zettel);
}

/**
 * A load runs in one transaction: killed (SIGKILL, power cut) it leaves the figures as they were, but
 * also no trace in the load log. So a note beside the warehouse file says which load is running; it
 * goes when the load ends either way. A note found on the next opening is a load that died: it is
 * logged as `abgebrochen` (and audited), and a CHECKPOINT gives the space of its rows back, so that
 * repeated aborted loads do not make the file grow. Just before its COMMIT a load notes what its lines still
 * need: killed after the COMMIT (its rows in the load log), its lines are written then, and so are those of a
 * load whose lines failed (a full disk): on the next opening or before the next load.
 */
export const merkzettel = (wh: Warehouse) => `${wh.pfad}.ladung-laeuft`;

/**
 * How a load hands its lines on: `vormerken` inside its transaction, before the COMMIT; `nachtragen` after it;
 * `verwerfen` when the transaction was undone after all (the careful path takes over).
 */
export interface Zeilennachtrag {
  vormerken(n: Nummerierung): void;
  nachtragen(): Promise<void>;
  verwerfen(): void;
}

export async function mitMerkzettel<T>(
  wh: Warehouse,
  ladung: Omit<LaufendeLadung, 'beginn' | 'pid'>,
  fn: (zeilen: Zeilennachtrag) => Promise<T>,
): Promise<T> {
  let offen: Nummerierung | null = null;
  const nachtragen = async () => {
    if (offen) await nummeriere(wh, offen);
    offen = null;
  };
  if (wh.pfad === ':memory:')
    return await fn({ vormerken: (n) => (offen = n), nachtragen, verwerfen: () => (offen = null) });
  if (wh.nurLesen) throw schreibgeschuetzt(wh.pfad);
  // Only one process writes the file: a note here is a load of this process whose lines could not be written.
  await nimmAbgebrocheneLadungAuf(wh);
  const zettel: LaufendeLadung = { ...ladung, beginn: new Date().toISOString(), pid: process.pid };
  try {
    schreibeZettel(wh, zettel);
  } catch (e) {
    throw speicherFehler(e, wh.pfad) ?? e;
  }
  try {
    return await fn({
      // Before the COMMIT (from the attack review: a kill in the milliseconds between the COMMIT and a note
      // written after it left the rows without lines and the load logged twice); the next opening tells by the
      // load log whether the COMMIT happened.
      vormerken: (n) => {
        schreibeZettel(wh, { ...zettel, nummerierung: n });
        offen = n;
      },
      nachtragen,
      verwerfen: () => {
        if (offen) schreibeZettel(wh, zettel);
        offen = null;
      },
    });
  } finally {
    // Lines still to write (they failed, e.g. a full disk) keep the note for the next opening or load.
    if (!offen) rmSync(merkzettel(wh), { force: true });
  }
}

/** On opening for writing: records a load that died since the last opening. */
export async function nimmAbgebrocheneLadungAuf(wh: Warehouse): Promise<void> {
  const zettel = merkzettel(wh);
  if (wh.pfad === ':memory:' || !existsSync(zettel)) return;
  const gelesen = laufendeLadung.safeParse(lesbar(zettel));
  const l: LaufendeLadung = gelesen.success
    ? gelesen.data
    : { datei: '(unbekannt: Merkzettel unlesbar)', benutzer: 'unbekannt', beginn: '', pid: 0 };
  const geladen =
    l.nummerierung &&
    Number(
      await wh.wert(`SELECT count(*) FROM ladung WHERE ladung_id = $id AND status = 'geladen'`, {
        id: l.nummerierung.ladungId,
      }),
    ) > 0;
  if (l.nummerierung && geladen) {
    await vervollstaendige(wh, l, l.nummerierung);
    rmSync(zettel, { force: true });
    return;
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
  // Before a load in a running server (a note its own failed COMMIT left) readers may hold transactions, and
  // DuckDB refuses a CHECKPOINT then: the space comes back at the next one.
  await wh.ausfuehren('CHECKPOINT').catch(() => undefined);
  rmSync(zettel, { force: true });
}

/** The rows of a load that died while its lines were written: they are loaded; their lines are written now. */
async function vervollstaendige(wh: Warehouse, l: LaufendeLadung, n: Nummerierung): Promise<void> {
  await nummeriere(wh, n);
  await protokolliere(wh, {
    benutzer: l.benutzer,
    aktion: 'import_zeilen_nachgetragen',
    objekt: l.datei,
    details: `Ladung ${n.ladungId} geladen, Prozess ${l.pid} endete vor den Zeilennummern; nachgetragen`,
  });
}
