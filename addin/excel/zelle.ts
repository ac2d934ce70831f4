import type { Spaltenart } from './format.ts';

export type Zellwert = string | number | boolean;

// Excel reads a value that starts with one of these as a formula (or as a sign).
const GEFAEHRLICH = /^[=+\-@]/;

/**
 * Text from the warehouse lands as text: a leading apostrophe is Excel's quote prefix, so a Träger's
 * "=HYPERLINK(…)" or "-Kürzung" is shown as written and never run.
 */
export function alsText(s: string): string {
  return GEFAEHRLICH.test(s) ? `'${s}` : s;
}

const TAG_MS = 86_400_000;
const NULLPUNKT = Date.UTC(1899, 11, 30);

/** "2026-09-30" as Excel's date serial number (days since 30.12.1899). */
export function alsDatum(iso: string): number | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - NULLPUNKT) / TAG_MS : alsText(iso);
}

/** A value of the API as what Excel gets for a cell of this kind ("" for none). */
export function zellwert(wert: unknown, art: Spaltenart): Zellwert {
  if (wert === null || wert === undefined) return '';
  switch (art) {
    case 'betrag':
    case 'zahl':
    case 'ganz': {
      const n = Number(wert);
      return Number.isFinite(n) ? n : alsText(String(wert));
    }
    case 'datum':
      return alsDatum(String(wert));
    case 'wahr':
      return typeof wert === 'boolean' ? (wert ? 'ja' : 'nein') : alsText(String(wert));
    case 'text':
      return alsText(String(wert));
  }
}

/** What Excel gives back for a written value: the quote prefix is not part of the value. */
export function gelesen(w: Zellwert): Zellwert {
  return typeof w === 'string' && w.startsWith("'") ? w.slice(1) : w;
}
