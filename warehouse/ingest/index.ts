import { copyFileSync, createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { protokolliere } from '../audit.ts';
import { basename, dirname, join } from 'node:path';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';
import { berichtText } from './bericht.ts';
import { mitMerkzettel, type Zeilennachtrag } from './abbruch.ts';
import { bewahreAuf } from './ablage.ts';
import { bereiteVor } from './datei.ts';
import { pruefeKopf } from './kopfzeile.ts';
import {
  csvQuelle,
  leseInStaging,
  pruefeZeilen,
  regelverstoesse,
  typisiertOderAbbruch,
  type Befund,
  type Ladebereich,
} from './pruefung.ts';
import type { Kennzahlzeitpunkt } from '../kennzahlstand.ts';
import { protokolliereAblehnung, uebernimm, zeilenText, type Uebernahme } from './uebernahme.ts';
import { ladeKataloge } from './typen.ts';
import { zeilennummern, zeilenversatz } from './zeilennummern.ts';
import { dateiarten } from './vertrag.ts';
import { keineZuordnung, type Zuordnung } from './zuordnung.ts';

export { ladeZuordnung, type Zuordnung } from './zuordnung.ts';
export { nimmAbgebrocheneLadungAuf } from './abbruch.ts';
export { dateiarten, type Art } from './vertrag.ts';
export type { Befund, Ladebereich } from './pruefung.ts';

export interface LadeOptionen {
  zuordnung?: Zuordnung;
  benutzer?: string;
  /** Where rejected files and their reports are kept; default: quarantaene/ beside the warehouse file. */
  quarantaene?: string;
  /** Where the files of loads are kept by content hash; default: ladungen/ beside the warehouse file. */
  ablage?: string;
  /** Told what the load is doing now, for progress on a terminal. */
  fortschritt?: (schritt: string) => void;
  /** The uploader's scope: rows of another sender or Sozialraum refuse the file (a Träger's controller loads its own files only). */
  bereich?: Ladebereich;
  /**
   * Skip the fast path and check every row first. Both paths read and check with the same SQL, so the
   * outcome is the same (the differential test holds them to it); this is for that test and for diagnosis.
   */
  nurSorgfaeltig?: boolean;
  /**
   * 'spaeter': one of many files loaded in a row (`nachLadungen`), which refreshes the kept figures once at
   * the end instead of after every file; until then they are marked stale. Default 'sofort'.
   */
  kennzahlen?: Kennzahlzeitpunkt;
}

export interface LadeErgebnis {
  datei: string;
  status: 'geladen' | 'bereits_geladen' | 'abgelehnt';
  art?: string;
  absender?: string;
  zeilen: number;
  ersetzt: number;
  ladungId?: number;
  /** Findings of a rejected file (at most the first 1000; `fehlerAnzahl` counts all). */
  fehler: Befund[];
  fehlerAnzahl: number;
  /** One German sentence for the user. */
  meldung: string;
  bericht?: string;
  quarantaene?: string;
  /** Which path loaded or refused the file: `schnell` (one statement) or `sorgfaeltig` (every row checked). */
  weg?: 'schnell' | 'sorgfaeltig';
  /** Open points the load leaves (docs/regeln.md §7: hours of a year whose budget has not arrived), in German. */
  offen: string[];
}

const BEFUNDE_HOECHSTENS = 1000;

/**
 * Loads one regional export file (docs/regeln.md §7): whole or not at all, the same file twice changes
 * nothing, a corrected re-delivery replaces the sender's rows for the same Sozialraum and months.
 */
export async function ladeDatei(wh: Warehouse, pfad: string, optionen: LadeOptionen = {}): Promise<LadeErgebnis> {
  // As the one writer from the first staging table on: the load's statements run on this connection.
  return await wh.schreibe(() =>
    mitMerkzettel(wh, { datei: basename(pfad), benutzer: optionen.benutzer ?? 'cli' }, (zeilen) =>
      lade(wh, pfad, optionen, zeilen),
    ),
  );
}

async function lade(
  wh: Warehouse,
  pfad: string,
  optionen: LadeOptionen,
  zeilen: Zeilennachtrag,
): Promise<LadeErgebnis> {
  const datei = basename(pfad);
  let zuordnung = optionen.zuordnung ?? keineZuordnung;
  const nurAbsender = optionen.bereich?.absender;
  if (nurAbsender && zuordnung.absender) {
    // Whoever may load only its own files cannot name another sender in a mapping: the rows say who sent them.
    if (zuordnung.absender !== nurAbsender) {
      throw new WarehouseFehler(
        'zuordnung_ungueltig',
        `Die Zuordnung nennt den Absender „${zuordnung.absender}“; mit diesem Zugang lassen sich nur Dateien von ${nurAbsender} laden.`,
      );
    }
    zuordnung = { ...zuordnung, absender: undefined };
  }
  const benutzer = optionen.benutzer ?? 'cli';
  const melde = optionen.fortschritt ?? (() => {});

  melde('prüfe Kodierung');
  const vorbereitet = await bereiteVor(pfad, zuordnung);
  let ablageVerwerfen = async () => {};
  try {
    const frueher = await wh.wert(
      `SELECT ladung_id FROM ladung WHERE inhalt_hash = $h AND status = 'geladen' LIMIT 1`,
      { h: vorbereitet.hash },
    );
    if (frueher !== null) {
      await protokolliere(wh, {
        benutzer,
        aktion: 'import_unveraendert',
        objekt: datei,
        details: `gleicher Inhalt wie Ladung ${frueher}`,
      });
      return {
        datei,
        status: 'bereits_geladen',
        zeilen: 0,
        ersetzt: 0,
        ladungId: Number(frueher),
        fehler: [],
        fehlerAnzahl: 0,
        offen: [],
        meldung: `${datei}: bereits geladen (gleicher Inhalt wie Ladung ${frueher}), nichts geändert.`,
      };
    }

    const ablehnen = async (
      befunde: Befund[],
      anzahl: number,
      art?: string,
      weg?: 'sorgfaeltig',
    ): Promise<LadeErgebnis> => {
      const absender = zuordnung.absender ?? (await absenderDerZeilen(wh));
      const bericht = berichtText(datei, befunde, anzahl);
      const ablage = await quarantaene(wh, pfad, datei, vorbereitet.hash, optionen.quarantaene);
      writeFileSync(`${ablage}.fehler.txt`, bericht);
      const ladungId = await protokolliereAblehnung(wh, {
        dateiname: datei,
        hash: vorbereitet.hash,
        art,
        absender,
        fehler: anzahl,
        benutzer,
        quarantaene: ablage,
      });
      return {
        datei,
        status: 'abgelehnt',
        art,
        absender: absender ?? undefined,
        zeilen: 0,
        ersetzt: 0,
        ladungId,
        fehler: befunde,
        fehlerAnzahl: anzahl,
        bericht,
        quarantaene: ablage,
        weg,
        offen: [],
        meldung: `${datei}: abgelehnt, ${anzahl === 1 ? 'ein Fehler' : `${anzahl} Fehler`}; nichts geladen.`,
      };
    };

    if (vorbereitet.abgelehnt) return await ablehnen([vorbereitet.abgelehnt], 1);
    if (vorbereitet.leer) return await ablehnen([{ zeile: 1, grund: 'Die Datei ist leer' }], 1);
    const kopf = pruefeKopf(vorbereitet.kopfzeile, zuordnung);
    if (!kopf.art || kopf.fehler.length > 0) {
      return await ablehnen(
        kopf.fehler.map((grund) => ({ zeile: 1, grund: grund.replace(/\.$/, '') })),
        kopf.fehler.length,
        kopf.art?.art,
      );
    }
    const art = kopf.art;

    const aufbewahrt = bewahreAuf(wh, pfad, datei, vorbereitet.hash, optionen.ablage);
    ablageVerwerfen = aufbewahrt.verwerfen;
    const protokoll = {
      dateiname: datei,
      hash: vorbereitet.hash,
      benutzer,
      ablage: aufbewahrt.pfad,
      ablageFertig: aufbewahrt.fertig,
      kennzahlen: optionen.kennzahlen ?? 'sofort',
    };
    const kataloge = await ladeKataloge(wh);
    // Rows and lines part only where the file has blank lines or quoted line breaks: the few places
    // where they do are found once, for both paths.
    const versatz = vorbereitet.zeilenVerschoben
      ? await zeilenversatz(vorbereitet.csvPfad, vorbereitet.kodierung === 'xlsx')
      : [];
    const geladen = async (u: Uebernahme, weg: 'schnell' | 'sorgfaeltig'): Promise<LadeErgebnis> => {
      ablageVerwerfen = async () => {};
      await zeilen.nachtragen();
      const offen = await offenePunkte(wh, u.ladungId);
      return {
        datei,
        status: 'geladen',
        art: art.art,
        absender: u.absender,
        zeilen: u.zeilen,
        ersetzt: u.ersetzt,
        ladungId: u.ladungId,
        fehler: [],
        fehlerAnzahl: 0,
        weg,
        offen,
        meldung:
          `${datei}: ${zeilenText(u.zeilen)} ${art.art} geladen` +
          (u.ersetzt > 0
            ? `, ${u.ersetzt === 1 ? 'eine frühere Zeile' : `${u.ersetzt} frühere Zeilen`} ersetzt (in der Historie)`
            : '') +
          '.' +
          offen.map((o) => ` Offen: ${o}.`).join(''),
      };
    };

    // Fast path for the common case, a good file: read, type and insert in one statement, count rule
    // violations, commit. Anything wrong undoes the transaction and the careful path below finds and
    // names every problem.
    melde(`lade ${art.art}`);
    if (!optionen.nurSorgfaeltig) {
      try {
        const csv = csvQuelle(vorbereitet.csvPfad, kopf.trennzeichen, kopf.spalten, false);
        const u = await uebernimm(
          wh,
          art,
          protokoll,
          async (ladungId) => {
            await wh.ausfuehren(
              `INSERT INTO ${art.tabelle} BY NAME SELECT *, ${ladungId} AS ladung_id FROM (${typisiertOderAbbruch(csv, kopf.spalten, art, zuordnung, kataloge)})`,
            );
            const n = Number(await wh.wert(`SELECT count(*) FROM ${art.tabelle} WHERE ladung_id = ${ladungId}`));
            if (n === 0 || (await regelverstoesse(wh, art, zuordnung, ladungId, optionen.bereich)) > 0)
              throw new SchnellwegVerlassen();
            // The lines follow once the rows are committed (nummerierung.ts): numbered in file order there, one
            // pass over one column, where a row_number() in this statement would read the file on one core.
          },
          (ladungId) => zeilen.vormerken({ tabelle: art.tabelle, ladungId, versatz }),
        );
        return await geladen(u, 'schnell');
      } catch (e) {
        if (!(e instanceof SchnellwegVerlassen) && !istDatenfehler(e)) throw e;
        zeilen.verwerfen();
      }
    }

    melde(`prüfe ${art.art}`);
    let abgelehnt: Befund[];
    try {
      abgelehnt = await leseInStaging(
        wh,
        vorbereitet.csvPfad,
        kopf.trennzeichen,
        kopf.spalten,
        art,
        zuordnung,
        kataloge,
      );
    } catch (e) {
      // DuckDB's reader gives up on a file it cannot split into lines at all (line endings mixed with
      // stray carriage returns): the whole file is refused, naming the first line that differs.
      if (!istDatenfehler(e)) throw e;
      return await ablehnen([await unlesbareZeile(vorbereitet.csvPfad)], 1, art.art, 'sorgfaeltig');
    }
    const datenzeilen = Number(await wh.wert('SELECT count(*) FROM neu'));
    if (datenzeilen === 0 && abgelehnt.length === 0) {
      return await ablehnen(
        [{ zeile: 2, grund: 'Die Datei enthält nur die Kopfzeile und keine Daten' }],
        1,
        art.art,
        'sorgfaeltig',
      );
    }
    const { befunde, anzahl } = await pruefeZeilen(wh, art, zuordnung, BEFUNDE_HOECHSTENS, optionen.bereich);
    if (anzahl > 0 || abgelehnt.length > 0) {
      const ausgelassen = new Set(abgelehnt.map((a) => a.zeile!));
      if (vorbereitet.zeilenVerschoben || ausgelassen.size > 0) {
        const zeilen = await zeilennummern(
          vorbereitet.csvPfad,
          befunde.map((b) => b.nr!),
          ausgelassen,
          vorbereitet.kodierung === 'xlsx',
        );
        for (const b of befunde) b.zeile = zeilen.get(b.nr!);
      } else {
        for (const b of befunde) b.zeile = b.nr! + 2;
      }
      const alle = [...abgelehnt, ...befunde]
        .sort((a, b) => (a.zeile ?? 0) - (b.zeile ?? 0))
        .slice(0, BEFUNDE_HOECHSTENS);
      return await ablehnen(alle, anzahl + abgelehnt.length, art.art, 'sorgfaeltig');
    }

    melde('übernehme');
    // In file order (`neu` was joined and is not), so that a row's place says its line (nummerierung.ts).
    const spalten = art.spalten.map((s) => `"${s.name}"`).join(', ');
    return await geladen(
      await uebernimm(
        wh,
        art,
        protokoll,
        async (ladungId) => {
          await wh.ausfuehren(
            `INSERT INTO ${art.tabelle} BY NAME SELECT ${spalten}, absender, CAST(nr + 2 AS INTEGER) AS zeile, ${ladungId} AS ladung_id FROM neu ORDER BY nr`,
          );
        },
        (ladungId) => {
          // with lines already, which only blank lines and quoted line breaks shift
          if (versatz.length > 0) zeilen.vormerken({ tabelle: art.tabelle, ladungId, versatz });
        },
      ),
      'sorgfaeltig',
    );
  } finally {
    await ablageVerwerfen();
    vorbereitet.aufraeumen();
    await wh.ausfuehren('DROP TABLE IF EXISTS neu; DROP TABLE IF EXISTS fehler; DROP TABLE IF EXISTS bereich;');
  }
}

class SchnellwegVerlassen extends Error {}

/** Where a file the CSV reader could not split stops being regular: the first line ending unlike the first line's. */
async function unlesbareZeile(pfad: string): Promise<Befund> {
  let zeile = 1;
  let erstesEnde: string | undefined;
  let vorher = '';
  for await (const stueck of createReadStream(pfad, { encoding: 'utf8' }) as AsyncIterable<string>) {
    const text = vorher + stueck;
    let ab = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', ab)) {
      const ende = text[i - 1] === '\r' ? 'CRLF' : 'LF';
      erstesEnde ??= ende;
      if (ende !== erstesEnde) {
        return {
          zeile,
          grund: `Zeilenende ${ende} in einer Datei mit ${erstesEnde}-Zeilenenden: die Datei ließ sich nicht in Zeilen teilen. Bitte einheitlich speichern (z. B. in Excel „CSV UTF-8“) und erneut senden`,
        };
      }
      zeile++;
      ab = i + 1;
    }
    vorher = text.slice(ab);
  }
  return {
    zeile: 1,
    grund:
      'Die Datei ließ sich nicht in Zeilen teilen (Zeilenenden oder Anführungszeichen uneinheitlich). Bitte als „CSV UTF-8“ speichern und erneut senden',
  };
}

/** The senders the readable rows of a refused file name (the careful path's `neu`), if any. */
async function absenderDerZeilen(wh: Warehouse): Promise<string | null> {
  const da = Number(await wh.wert(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'neu' AND temporary`));
  if (da === 0) return null;
  const a = await wh.wert(
    `SELECT string_agg(DISTINCT absender, ', ' ORDER BY absender) FROM neu WHERE absender IS NOT NULL`,
  );
  return a === null ? null : String(a);
}

/**
 * Hours of a year whose budget has not arrived yet are loaded (files come in any order) but cannot be
 * valued: an open point until the budget comes (docs/regeln.md §7), also listed in the view `befunde`.
 * The rows are counted per year and Sozialraum first, then the few groups are looked up in the budget
 * (looked up per row, the NOT EXISTS cost 1–2 s at 10 million rows).
 */
async function offenePunkte(wh: Warehouse, ladungId: number): Promise<string[]> {
  const zeilen = await wh.abfrage(
    `
    SELECT jahr, sozialraum, zeilen
    FROM (SELECT year(datum) AS jahr, sozialraum, count(*) AS zeilen FROM leistung WHERE ladung_id = $l GROUP BY ALL) l
    WHERE NOT EXISTS (SELECT 1 FROM budget b WHERE b.jahr = l.jahr AND b.sozialraum = l.sozialraum)
    ORDER BY 1, 2`,
    { l: ladungId },
  );
  return zeilen.map(
    (z) =>
      `${zeilenText(Number(z.zeilen))} Stunden in ${z.sozialraum} ${z.jahr} ohne Budget ${z.jahr}: ` +
      'nicht bewertet, bis das Budget geladen ist',
  );
}

/**
 * Where a rejected file is kept: once per content, however often it is sent again (an upload
 * retried in a loop must not fill the disk). The newest report is written beside it.
 */
async function quarantaene(
  wh: Warehouse,
  pfad: string,
  datei: string,
  hash: string,
  ordner = join(dirname(wh.pfad), 'quarantaene'),
): Promise<string> {
  const frueher = await wh.wert(
    `SELECT quarantaene FROM ladung WHERE inhalt_hash = $h AND quarantaene IS NOT NULL ORDER BY ladung_id DESC LIMIT 1`,
    { h: hash },
  );
  if (typeof frueher === 'string' && existsSync(frueher)) return frueher;
  mkdirSync(ordner, { recursive: true });
  const stempel = new Date().toISOString().replace(/[:.]/g, '-');
  const ablage = join(ordner, `${stempel}_${datei}`);
  copyFileSync(pfad, ablage);
  return ablage;
}

/** Errors of the data (a value DuckDB cannot read or convert, a broken CSV line, a NOT NULL column), not of the machine. */
function istDatenfehler(e: unknown): boolean {
  return /Invalid Input Error|Conversion Error|Constraint Error|CSV Error|Out of Range Error|Invalid Error/i.test(
    String((e as Error)?.message ?? e),
  );
}

/** The Sozialräume whose rows a load brought in. */
export async function sozialraeumeDerLadung(wh: Warehouse, ladungId: number): Promise<string[]> {
  const art = String(await wh.wert('SELECT art FROM ladung WHERE ladung_id = $l', { l: ladungId }));
  const tabelle = dateiarten.find((d) => d.art === art)?.tabelle;
  if (!tabelle) return [];
  return (
    await wh.abfrage(`SELECT DISTINCT sozialraum FROM ${tabelle} WHERE ladung_id = $l ORDER BY 1`, { l: ladungId })
  ).map((z) => String(z.sozialraum));
}

// Where each kind's rows say which year they belong to; kinds not listed change no figure of a year.
const JAHR_DER_ZEILE: Record<string, string> = {
  budget: 'jahr',
  personalkosten: 'jahr',
  phasierung: 'jahr',
  leistung: 'year(datum)',
  zahlung: 'year(buchungsdatum)',
};

/** The years whose figures a load changed (budgets also change later years: carried forward). */
export async function jahreDerLadung(wh: Warehouse, ladungId: number): Promise<number[]> {
  const art = String(await wh.wert('SELECT art FROM ladung WHERE ladung_id = $l', { l: ladungId }));
  const tabelle = dateiarten.find((d) => d.art === art)?.tabelle;
  const jahr = tabelle ? JAHR_DER_ZEILE[tabelle] : undefined;
  if (!tabelle || !jahr) return [];
  return (
    await wh.abfrage(`SELECT DISTINCT ${jahr} AS jahr FROM ${tabelle} WHERE ladung_id = $l ORDER BY 1`, { l: ladungId })
  ).map((z) => Number(z.jahr));
}
