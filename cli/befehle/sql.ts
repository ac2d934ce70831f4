import { adhocAbfrage, ALLES, oeffneWarehouse, protokolliere, sperreFuerAdhoc } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';
import { formatiere, type Format } from '../tabelle.ts';

export const sql: Befehl = {
  name: 'sql',
  hilfe: `srb sql [--db PFAD] [--format table|csv|json] [--benutzer NAME] [--exakt] "SELECT ..."

Eine lesende Abfrage (SELECT) über die dokumentierten Sichten (warehouse/README.md):
finanzvolumen, verbrauch, abweichung, kontrakt_abgleich, personal_pruefung, import_protokoll,
jahresabrechnung, jahresabrechnung_befund, umschichtung_vorschlag, umschichtung, praevention, befunde,
fachcontrolling und die Dimensionen sozialraum, gemeinde, hilfeart, topf, segment: ungefiltert (Betrieb des Kreises),
in derselben Sandbox wie die API. Keine Tabellen, keine Dateizugriffe, kein ATTACH, keine Einstellungen;
das Warehouse wird dafür nur lesend geöffnet. Jede Abfrage wird vorher protokolliert.

  --format table   lesbare Tabelle mit deutschen Zahlen (Standard)
  --format csv     Semikolon, Dezimalkomma; Text, den Excel als Formel läse, beginnt mit '
  --format json    Zahlen mit Nachkommastellen als Text, exakt
  --exakt          fachcontrolling mit exakten Fallzahlen (Controlling des Jugendamts); sonst
                   stehen kleine Fallzahlen und was sie verriete als NULL (docs/regeln.md §9)`,
  optionen: {
    ...dbOption,
    format: { type: 'string', default: 'table' },
    benutzer: { type: 'string' },
    exakt: { type: 'boolean', default: false },
  },
  async fuehreAus(w, positionen) {
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
    const benutzer = (w.benutzer as string | undefined) ?? process.env.USER ?? 'cli';
    const schreibend = await oeffneWarehouse(String(w.db));
    try {
      await protokolliere(schreibend, { benutzer, aktion: 'sql', objekt: 'cli', details: abfrage });
    } finally {
      schreibend.schliessen();
    }
    // The query itself runs on a warehouse opened read-only: the engine refuses every write.
    const wh = await oeffneWarehouse(String(w.db), { nurLesen: true });
    try {
      await sperreFuerAdhoc(wh);
      const e = await adhocAbfrage(wh, abfrage, ALLES, { exakteFallzahlen: w.exakt === true });
      process.stdout.write(
        formatiere(
          e.zeilen,
          e.spalten,
          e.zahlenspalten.map((z) => (z ? 'zahl' : 'text')),
          format,
        ),
      );
      if (e.hinweis) console.error(`Hinweis: ${e.hinweis}`);
      if (e.abgeschnitten)
        console.error(`Hinweis: nur die ersten ${e.zeilen.length} Zeilen; bitte die Abfrage eingrenzen.`);
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
