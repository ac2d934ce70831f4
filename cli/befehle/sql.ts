import { adhocAbfrage, oeffneWarehouse, sperreFuerAdhoc } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';
import { formatiere, type Format } from '../tabelle.ts';

export const sql: Befehl = {
  name: 'sql',
  kurz: 'Lesende Ad-hoc-Abfrage über die Sichten',
  hilfe: `srb sql [--db PFAD] [--format table|csv|json] [--benutzer NAME] "SELECT ..."

Eine lesende Abfrage (SELECT) über die dokumentierten Sichten (warehouse/README.md):
finanzvolumen, verbrauch, abweichung, kontrakt_abgleich, personal_pruefung, import_protokoll,
jahresabrechnung, jahresabrechnung_befund, umschichtung_vorschlag, umschichtung, praevention.
Keine Dateizugriffe, kein ATTACH, keine Einstellungen. Jede Abfrage wird protokolliert.

  --format table   lesbare Tabelle mit deutschen Zahlen (Standard)
  --format csv     Semikolon, Dezimalkomma; Text, den Excel als Formel läse, beginnt mit '
  --format json    Zahlen mit Nachkommastellen als Text, exakt`,
  optionen: { ...dbOption, format: { type: 'string', default: 'table' }, benutzer: { type: 'string' } },
  async ausfuehren(w, positionen) {
    const format = String(w.format) as Format;
    if (!['table', 'csv', 'json'].includes(format)) {
      console.error(`Unbekanntes Format „${format}“: table, csv oder json.`);
      return 2;
    }
    const abfrage = positionen.join(' ').trim();
    if (!abfrage) {
      console.error('Keine Abfrage angegeben. Beispiel: srb sql "SELECT * FROM finanzvolumen WHERE jahr = 2025"');
      return 2;
    }
    const wh = await oeffneWarehouse(String(w.db));
    try {
      await sperreFuerAdhoc(wh);
      const e = await adhocAbfrage(wh, abfrage, (w.benutzer as string | undefined) ?? process.env.USER ?? 'cli');
      process.stdout.write(formatiere(e.zeilen, e.spalten, e.zahlenspalten.map((z) => (z ? 'zahl' : 'text')), format));
      if (e.abgeschnitten) console.error(`Hinweis: nur die ersten ${e.zeilen.length} Zeilen; bitte die Abfrage eingrenzen.`);
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
