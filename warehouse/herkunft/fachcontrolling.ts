import { z } from 'zod';
import { istVerdeckt } from '../../format/index.ts';
import { fachcontrolling, FACHCONTROLLING_ANZAHLEN, nachSchema } from '../abfragen/index.ts';
import { WarehouseFehler } from '../fehler.ts';
import { sqlDatei } from '../sql.ts';
import type { Warehouse } from '../verbindung.ts';
import { herkunftDatei, type HerkunftDatei } from './dateien.ts';
import type { HerkunftBereich } from './index.ts';

// Herkunft of a Fachcontrolling count (docs/regeln.md §8, §7.4): the youth office's contract rows the count
// counts, with file and line. Whether the cell may be traced at all is the small-number protection's answer
// (§9): the warehouse's protected fachcontrolling() decides it, never a rule of its own here.

/** The counts of the view fachcontrolling, each a count of contract rows (faelle: one row per case). */
export const FACH_HERKUNFT_SPALTEN = FACHCONTROLLING_ANZAHLEN;
export type FachHerkunftSpalte = (typeof FACH_HERKUNFT_SPALTEN)[number];

export interface FachHerkunftAnfrage {
  jahr: number;
  /** Empty: the year (to its last ended quarter). */
  quartal?: number;
  /** A Sozialraum or 'gesamt' (the county). */
  sozialraum?: string;
  /** A Hilfeart (31, §31) or 'gesamt' (default). */
  hilfeart?: string;
  spalte?: string;
  seite?: number;
  proSeite?: number;
  /** Coordinates of the money figures: named in the refusal, since a trace ignoring them would answer another cell. */
  bis?: number;
  monat?: number;
  topf?: string;
  segment?: string;
  traeger?: string;
  historie?: boolean;
}

const FREMD = ['bis', 'monat', 'topf', 'segment', 'traeger'] as const;

/** A row of fachcontrolling.sql as the answer shows it: where it stands and why it counts; never the case or the contract. */
export const kontraktZeile = z.object({
  ladung_id: z.number(),
  datei: z.string(),
  zeile: z.number().nullable().meta({
    description:
      'Zeile in der Kontraktliste wie in den Ablehnungsberichten (Kopfzeile = 1); leer für alle außer jugendamt_controller',
  }),
  absender: z.string(),
  geladen_am: z.string(),
  sozialraum: z.string(),
  hilfeart: z.string(),
  traeger: z
    .string()
    .nullable()
    .meta({ description: 'Der Träger, dessen eigene Kontraktliste denselben Kontrakt führt; leer: keiner' }),
  beginn: z.string(),
  ende: z.string().nullable(),
  beendigungsgrund: z.string().nullable(),
  zielerreichung: z.string().nullable(),
});
export type HerkunftKontraktZeile = z.infer<typeof kontraktZeile>;

/** The whole row of fachcontrolling.sql: whether the caller sees it one by one, and its load as the files list shows it. */
const gezaehlteZeile = kontraktZeile.extend({ einzeln: z.boolean(), ladung: herkunftDatei });

export interface FachHerkunftErgebnis {
  kennzahl: 'fachcontrolling';
  spalte: FachHerkunftSpalte;
  /** The cell as the API serves it to this caller (a traced cell is never hidden). */
  wert: number;
  /** How many rows the count counts in the caller's scope: those shown one by one and the others. */
  summe: number;
  stimmt: boolean;
  anzahl: number;
  seite: number;
  pro_seite: number;
  zeilen: HerkunftKontraktZeile[];
  /** Rows counted that this caller sees only as a number (other Träger; all rows for roles without exact counts); „<3“ below 3. */
  andere: { zeilen: number | string; text: string } | null;
  dateien: HerkunftDatei[];
  hinweis: string;
}

const ZEILEN = sqlDatei(import.meta.url, 'fachcontrolling');

/** 31, § 31 or §31 SGB VIII as the view stores it (§31); gesamt stays. */
function hilfeartAus(text: string | undefined): string {
  if (text === undefined || text === '' || text === 'gesamt') return 'gesamt';
  const m = /^(?:§\s*)?(\d{2}[a-z]?)(?:\s*SGB\s*VIII)?$/i.exec(text.trim());
  if (!m)
    throw new WarehouseFehler('abfrage_ungueltig', `Hilfeart „${text}“ nicht verstanden (z. B. 31, §31 oder gesamt).`);
  return `§${m[1]!.toLowerCase()}`;
}

function spalteAus(spalte: string): FachHerkunftSpalte {
  const s = FACH_HERKUNFT_SPALTEN.find((x) => x === spalte);
  if (!s)
    throw new WarehouseFehler(
      'abfrage_ungueltig',
      `Die Spalte „${spalte}“ von fachcontrolling ist keine Anzahl von Kontraktzeilen (Anteile, Dauer und Zahlen je Fall sind Quotienten); nachverfolgbar: ${FACH_HERKUNFT_SPALTEN.join(', ')}.`,
    );
  return s;
}

/** A count of rows without detail as the protection would show it (§9: 1 and 2 name families). */
const unterDrei = (n: number): number | string => (n > 0 && n < 3 ? '<3' : n);

/**
 * The contract rows behind one cell of fachcontrolling, in the caller's scope, one page of them, their number
 * and the files. `exakt`: the youth office's controllers; for everyone else a cell the protection hides is
 * refused (403), and rows are shown one by one only where `bereich.einzeln` says so.
 */
export async function herkunftFachcontrolling(
  wh: Warehouse,
  a: FachHerkunftAnfrage,
  bereich: HerkunftBereich,
  exakt: boolean,
  eigenerTraeger?: string,
): Promise<FachHerkunftErgebnis> {
  const fehlt = (['spalte', 'sozialraum'] as const).filter((p) => a[p] === undefined);
  if (fehlt.length > 0)
    throw new WarehouseFehler('abfrage_ungueltig', `Für die Herkunft von fachcontrolling fehlt: ${fehlt.join(', ')}.`);
  const fremd = [...FREMD.filter((p) => a[p] !== undefined), ...(a.historie ? ['historie'] : [])];
  if (fremd.length > 0)
    throw new WarehouseFehler(
      'abfrage_ungueltig',
      `Die Zahl fachcontrolling hat ${fremd.length === 1 ? 'die Angabe' : 'die Angaben'} ${fremd.join(', ')} nicht (möglich: spalte, quartal, sozialraum, hilfeart; eine Historie früherer Kontraktlisten gibt es hier nicht).`,
    );
  const sozialraum = a.sozialraum!;
  const spalte = spalteAus(a.spalte!);
  const hilfeart = hilfeartAus(a.hilfeart);
  const quartal = a.quartal ?? null;
  const zeitraum = quartal === null ? `${a.jahr}` : `${quartal}. Quartal ${a.jahr}`;
  const zelle = `${spalte} ${sozialraum} ${hilfeart} ${zeitraum}`;
  const t = await fachcontrolling(wh, { jahr: a.jahr, quartal, sozialraum }, bereich.sichtbar, exakt, eigenerTraeger);
  const figur = t.zeilen.find((z) => z.hilfeart === hilfeart);
  if (!figur)
    throw new WarehouseFehler('keine_daten', `Die Zahl ${zelle} gibt es in Ihrem Bereich nicht (Fachcontrolling).`);
  const verdeckt = (figur.unterdrueckt ?? '').split(',').map((s) => s.trim());
  if (verdeckt.includes(spalte) || istVerdeckt(figur[spalte]))
    throw new WarehouseFehler(
      'abfrage_nicht_erlaubt',
      `Die Zahl ${zelle} ist durch den Schutz kleiner Fallzahlen verdeckt (docs/regeln.md §9); ihre Herkunft wird deshalb nicht gezeigt.`,
    );

  const text = ZEILEN.replaceAll('{{spalte}}', spalte === 'faelle' ? 'true' : spalte)
    .replaceAll('{{sichtbar}}', bereich.sichtbar)
    .replaceAll('{{einzeln}}', bereich.einzeln)
    .replaceAll('{{protokoll}}', bereich.protokoll);
  const alle = nachSchema(
    gezaehlteZeile,
    await wh.abfrage(text, { jahr: a.jahr, quartal, sozialraum, hilfeart, je_fall: spalte === 'faelle' }),
    'herkunft/fachcontrolling',
  );
  const einzeln = alle.filter((z) => z.einzeln);
  const andere = alle.length - einzeln.length;
  const proSeite = Math.min(Math.max(a.proSeite ?? 100, 1), 1000);
  const seite = Math.max(a.seite ?? 1, 1);
  const wert = Number(figur[spalte]);
  return {
    kennzahl: 'fachcontrolling',
    spalte,
    wert,
    summe: alle.length,
    stimmt: alle.length === wert,
    anzahl: einzeln.length,
    seite,
    pro_seite: proSeite,
    // the page's rows with the answer's fields only (the schema drops einzeln and ladung); the line only for the
    // youth office: its file holds every Träger's contracts, and the gaps between a Träger's own lines would
    // count the others' (which it cannot open anyway: the file is the youth office's, §7)
    zeilen: nachSchema(
      kontraktZeile,
      einzeln.slice((seite - 1) * proSeite, seite * proSeite).map((z) => (exakt ? z : { ...z, zeile: null })),
      'herkunft/fachcontrolling',
    ),
    andere:
      andere > 0
        ? {
            zeilen: unterDrei(andere),
            text: bereich.einzeln === 'false' ? 'ohne Einzelheiten (Schutz kleiner Fallzahlen)' : 'andere Träger',
          }
        : null,
    // each load once (the rows come in load order), with the number of its rows shown one by one
    dateien: [...new Map(einzeln.map((z) => [z.ladung_id, z.ladung])).values()],
    hinweis:
      spalte === 'faelle'
        ? 'Fälle zählen einmal: je Fall eine Zeile, sein erster Kontrakt des Zeitraums (Kontraktliste des Jugendamts).'
        : 'Je gezählter Hilfe eine Zeile der Kontraktliste des Jugendamts.',
  };
}
