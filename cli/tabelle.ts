import { deutscheZahl } from '../format/index.ts';
import { alsCsv, type Zeile } from '../warehouse/index.ts';

export type Format = 'table' | 'csv' | 'json';

/** Column kinds DuckDB reports, to right-align and format numbers and to guard text only. */
export type Spaltenart = 'zahl' | 'text';

export function formatiere(zeilen: Zeile[], spalten: string[], arten: Spaltenart[], format: Format): string {
  if (format === 'json') return JSON.stringify(zeilen, null, 2) + '\n';
  if (format === 'csv')
    return alsCsv(
      zeilen,
      spalten,
      arten.map((a) => a === 'zahl'),
    );
  const zellen = zeilen.map((z) =>
    spalten.map((s, i) => {
      const w = z[s];
      if (w === null || w === undefined) return '';
      const text = typeof w === 'object' ? JSON.stringify(w) : String(w);
      // Years and counts stay as they are; amounts get thousands dots and a decimal comma.
      return arten[i] === 'zahl' && text.includes('.') ? deutscheZahl(text) : text;
    }),
  );
  const breiten = spalten.map((s, i) => Math.max(s.length, ...zellen.map((z) => z[i]!.length)));
  const zeile = (werte: string[]) =>
    werte
      .map((w, i) => (arten[i] === 'zahl' ? w.padStart(breiten[i]!) : w.padEnd(breiten[i]!)))
      .join('  ')
      .trimEnd();
  return (
    [
      zeile(spalten),
      breiten.map((b) => '─'.repeat(b)).join('  '),
      ...zellen.map(zeile),
      `(${zeilen.length} Zeile${zeilen.length === 1 ? '' : 'n'})`,
    ].join('\n') + '\n'
  );
}
