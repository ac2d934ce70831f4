import type { Client } from '../api/index.ts';
import { schreibeStand, schreibeTabellen, srbBlaetter, type Aenderung } from '../excel/index.ts';
import { zeitpunkt, standText, type Auswahl } from './auswahl.ts';
import { holeDaten } from './zahlen.ts';

/** Step n of `von`, with what happens now: the pane shows it as a progress bar and a line. */
export type Fortschritt = (schritt: number, von: number, text: string) => void;

export interface Aktualisiert {
  aenderungen: Aenderung[];
  blaetter: string[];
  formeln: number;
}

const SCHRITTE = 4;

/**
 * Alle aktualisieren: every SRB table of the workbook with the pane's choice (the tables that are
 * there, not the ones deleted), every SRB.* formula in one request (`formeln` asks again with the
 * last ETag: what did not change stays), and "Stand: TT.MM.JJJJ hh:mm" on every sheet it touched.
 * Forecast sheets are left alone: they may hold typed, unsaved forecasts.
 */
export async function alleAktualisieren(
  c: Client,
  a: Auswahl,
  formeln: { aktualisiere(): Promise<void> } | null,
  melde: Fortschritt,
  jetzt = new Date(),
): Promise<Aktualisiert> {
  melde(1, SCHRITTE, 'SRB-Tabellen und SRB.*-Formeln der Mappe suchen');
  const blaetter = await srbBlaetter();
  const tabellen = new Set(blaetter.flatMap((b) => b.tabellen.map((t) => t.toLowerCase())));
  let aenderungen: Aenderung[] = [];
  if (tabellen.size > 0) {
    melde(2, SCHRITTE, `Zahlen für ${tabellen.size} ${tabellen.size === 1 ? 'Tabelle' : 'Tabellen'} holen`);
    const { inhalte } = await holeDaten(c, a, jetzt);
    melde(3, SCHRITTE, 'Tabellen schreiben');
    aenderungen = await schreibeTabellen(
      inhalte.filter((i) => tabellen.has(i.tabelle.toLowerCase())),
      standText(jetzt, a),
    );
  }
  const anzahl = blaetter.reduce((n, b) => n + b.formeln, 0);
  melde(4, SCHRITTE, `${anzahl} SRB.*-${anzahl === 1 ? 'Formel' : 'Formeln'} aktualisieren`);
  if (anzahl > 0 && formeln) await formeln.aktualisiere();
  await schreibeStand(blaetter, `Stand: ${zeitpunkt(jetzt)}`);
  return { aenderungen, blaetter: blaetter.map((b) => b.blatt), formeln: anzahl };
}
