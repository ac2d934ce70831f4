import type { Zeile } from '../verbindung.ts';
import { alsText, csvFeld } from '../../format/index.ts';

/**
 * Every CSV the product writes goes through here, so every one is guarded the same way: a text cell or a
 * column name (it comes from the query, `AS "=HYPERLINK(…)"`) that a spreadsheet would run as a formula
 * gets a leading ' (OWASP's advice for CSV injection). Numbers of numeric columns stay numbers.
 */
function zellen(zeilen: Zeile[], spalten: string[], zahlen: boolean[], dezimal: '.' | ','): string[][] {
  const kopf = spalten.map(alsText);
  const daten = zeilen.map((z) =>
    spalten.map((s, i) => {
      const w = z[s];
      if (w === null || w === undefined) return '';
      const text = typeof w === 'object' ? JSON.stringify(w) : String(w);
      return zahlen[i] ? text.replace('.', dezimal) : alsText(text);
    }),
  );
  return [kopf, ...daten];
}

/**
 * Rows as CSV the way a German Excel opens it: ';', decimal comma, and text that a spreadsheet would
 * run as a formula made inert. `zahlen` marks the numeric columns (never guarded, comma for point).
 */
export function alsCsv(zeilen: Zeile[], spalten: string[], zahlen: boolean[]): string {
  return (
    zellen(zeilen, spalten, zahlen, ',')
      .map((z) => z.map((f) => csvFeld(f, ';')).join(';'))
      .join('\n') + '\n'
  );
}

/**
 * Rows as RFC 4180 CSV for tools other than a German Excel (pandas, R, Power BI with a US locale):
 * ',' between fields, '.' in numbers, CRLF, quotes only where needed; formula-like text guarded as in
 * the German variant (the file may still be opened in a spreadsheet).
 */
export function alsRfcCsv(zeilen: Zeile[], spalten: string[], zahlen: boolean[]): string {
  return (
    zellen(zeilen, spalten, zahlen, '.')
      .map((z) => z.map((f) => csvFeld(f, ',')).join(','))
      .join('\r\n') + '\r\n'
  );
}
