import type { Zeile } from '../verbindung.ts';
import { alsText, csvFeld } from '../../format/index.ts';

/**
 * Rows as CSV the way a German Excel opens it: ';', decimal comma, and text that a spreadsheet would
 * run as a formula made inert. `zahlen` marks the numeric columns (never guarded, comma for point).
 */
export function alsCsv(zeilen: Zeile[], spalten: string[], zahlen: boolean[]): string {
  const kopf = spalten.map((s) => csvFeld(s, ';')).join(';');
  const daten = zeilen.map((z) =>
    spalten
      .map((s, i) => {
        const w = z[s];
        if (w === null || w === undefined) return '';
        const text = typeof w === 'object' ? JSON.stringify(w) : String(w);
        return csvFeld(zahlen[i] ? text.replace('.', ',') : alsText(text), ';');
      })
      .join(';'),
  );
  return [kopf, ...daten].join('\n') + '\n';
}

/**
 * Rows as plain RFC 4180 CSV for tools other than a German Excel (pandas, R, Power BI with a US locale):
 * ',' between fields, '.' in numbers, CRLF, quotes only where needed, text exactly as stored.
 */
export function alsRfcCsv(zeilen: Zeile[], spalten: string[]): string {
  const feld = (w: unknown) => {
    if (w === null || w === undefined) return '';
    const text = typeof w === 'object' ? JSON.stringify(w) : String(w);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    [spalten.map(feld).join(','), ...zeilen.map((z) => spalten.map((s) => feld(z[s])).join(','))].join('\r\n') + '\r\n'
  );
}
