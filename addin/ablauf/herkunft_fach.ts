import type { Client } from '../api/index.ts';
import type { Auswahlzelle } from '../excel/index.ts';
import { AbrufFehler } from './abruf.ts';
import { SOZIALRAEUME, type Auswahl, type Sozialraum } from './auswahl.ts';
import { BLAETTER } from './blaetter.ts';

// Herkunft of a Fachcontrolling count (docs/regeln.md §8): which cell of SRB_Fachcontrolling or which
// =SRB.FAELLE(…) is asked, and how the youth office's contract rows behind it land on the sheet Herkunft.

type Frage = Parameters<Client['api']['v1']['herkunft']['$get']>[0]['query'];
type Antwort = Awaited<ReturnType<Awaited<ReturnType<Client['api']['v1']['herkunft']['$get']>>['json']>>;
export type FachAntwort = Extract<Antwort, { kennzahl: 'fachcontrolling' }>;

/** The counts that are contract rows; the other columns are shares, durations or figures per case. */
const GEZAEHLT = new Set(['faelle', 'neue_hilfen', 'beendete_hilfen', 'laufende_hilfen', 'wiederaufnahmen']);

interface Fachfrage {
  frage: Frage;
  was: string;
  wert: unknown;
}

const sozialraumOderGesamt = (text: string): Sozialraum | 'gesamt' => {
  const code = [...SOZIALRAEUME, 'gesamt' as const].find((s) => s === text);
  if (!code) throw new AbrufFehler(`„${text}“ ist kein Sozialraum (erlaubt: ${SOZIALRAEUME.join(', ')}, gesamt).`);
  return code;
};

/** =SRB.FAELLE(sozialraum; jahr; quartal; [hilfeart]): the cases of the quarter. */
export function faelleFrage(werte: Array<string | null>, wert: unknown): Fachfrage {
  const [sozialraum, jahr, quartal, hilfeart] = werte;
  if (!sozialraum || !jahr || !quartal) throw new AbrufFehler('In SRB.FAELLE fehlen Sozialraum, Jahr oder Quartal.');
  return {
    frage: {
      kennzahl: 'fachcontrolling',
      spalte: 'faelle',
      sozialraum: sozialraumOderGesamt(sozialraum),
      jahr,
      quartal,
      hilfeart: hilfeart ?? 'gesamt',
    },
    was: `Fälle ${sozialraum} ${hilfeart ?? 'gesamt'} ${quartal}/${jahr}`,
    wert,
  };
}

/** A cell of SRB_Fachcontrolling: its column, Sozialraum and Hilfeart, in the pane's year and quarter (the sheet's). */
export function fachtabellenFrage(t: NonNullable<Auswahlzelle['tabelle']>, a: Auswahl): Fachfrage {
  const spalten = BLAETTER.fachcontrolling.spalten;
  const spalte = spalten.find((s) => s.titel === t.spalte);
  if (!spalte || !GEZAEHLT.has(spalte.name))
    throw new AbrufFehler(
      `Die Spalte „${t.spalte}“ ist keine Anzahl von Kontrakten; Herkunft gibt es für: ${spalten
        .filter((s) => GEZAEHLT.has(s.name))
        .map((s) => s.titel)
        .join(', ')}.`,
    );
  const wert = (name: string) => String(t.zeile[t.kopf.indexOf(spalten.find((s) => s.name === name)!.titel)] ?? '');
  const [sozialraum, hilfeart] = [wert('sozialraum'), wert('hilfeart')];
  return {
    frage: {
      kennzahl: 'fachcontrolling',
      spalte: spalte.name as Frage['spalte'],
      sozialraum: sozialraumOderGesamt(sozialraum),
      hilfeart,
      jahr: String(a.jahr),
      quartal: String(a.quartal),
    },
    was: `${spalte.titel} ${sozialraum} ${hilfeart} ${a.quartal}/${a.jahr}`,
    wert: t.zeile[t.kopf.indexOf(spalte.titel)],
  };
}

/** The contract rows in the sheet's columns (Datum: the contract's beginn), and the line above the table. */
export function fachInhalt(
  h: FachAntwort,
  zellwert: number | null,
): { zeilen: Array<Record<string, unknown>>; stand: string; stimmt: boolean | null } {
  const stimmt = zellwert === null ? null : zellwert === h.summe && h.stimmt;
  const urteil =
    stimmt === null
      ? 'die Zelle zeigt keine Zahl zum Vergleich'
      : stimmt
        ? 'stimmt mit der Zelle überein'
        : `weicht von der Zelle (${zellwert}) ab`;
  const andere = h.andere ? `; dazu ${h.andere.text}: ${h.andere.zeilen} Zeilen` : '';
  return {
    zeilen: h.zeilen.map((z) => ({ ...z, datum: z.beginn })),
    stand:
      `Gezählte Kontraktzeilen: ${h.summe}, ${urteil}. Gezeigt ${h.zeilen.length} von ${h.anzahl} Zeilen${andere}. ` +
      `${h.hinweis} Datum = Beginn des Kontrakts.`,
    stimmt,
  };
}
