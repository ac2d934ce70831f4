import type { FachHerkunftErgebnis } from '../warehouse/index.ts';
import { formatiere } from './tabelle.ts';

// srb herkunft --kennzahl fachcontrolling: the contract rows a count counts, as a table or CSV.

const SPALTEN = [
  'datei',
  'zeile',
  'absender',
  'geladen_am',
  'sozialraum',
  'hilfeart',
  'traeger',
  'beginn',
  'ende',
  'beendigungsgrund',
  'zielerreichung',
  'ladung_id',
] as const;

/** The answer on stdout; the exit code says whether the rows are the cell's count. */
export function zeigeFachHerkunft(h: FachHerkunftErgebnis, csv: boolean): number {
  const zeilen = h.zeilen.map((z) => ({ ...z, geladen_am: z.geladen_am.replace('T', ' ') }));
  if (csv) {
    process.stdout.write(
      formatiere(
        zeilen,
        [...SPALTEN],
        SPALTEN.map(() => 'text'),
        'csv',
      ),
    );
    return h.stimmt ? 0 : 1;
  }
  console.log(`Herkunft von fachcontrolling.${h.spalte}: ${h.wert}`);
  console.log(`Gezählte Zeilen: ${h.summe} (${h.stimmt ? 'stimmt' : 'stimmt NICHT'})`);
  if (h.andere) console.log(`davon ${h.andere.text}: ${h.andere.zeilen} Zeilen`);
  console.log(`${h.hinweis}\n`);
  process.stdout.write(
    formatiere(
      zeilen,
      [...SPALTEN],
      SPALTEN.map((s) => (s === 'zeile' || s === 'ladung_id' ? 'zahl' : 'text')),
      'table',
    ),
  );
  console.log(
    `Seite ${h.seite} von ${Math.max(1, Math.ceil(h.anzahl / h.pro_seite))} (${h.pro_seite} Zeilen je Seite)`,
  );
  console.log('Dateien:');
  for (const d of h.dateien)
    console.log(
      `  Ladung ${d.ladung_id}: ${d.dateiname}, ${d.absender}, ${d.zeitpunkt.replace('T', ' ')}, ${d.zeilen} Zeilen`,
    );
  return h.stimmt ? 0 : 1;
}
