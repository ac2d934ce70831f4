import { existsSync } from 'node:fs';
import { ladeDatei, ladeZuordnung, nachLadungen, oeffneWarehouse, type LadeErgebnis } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';
import { fortschrittsanzeige } from '../fortschritt.ts';

export const ingest: Befehl = {
  name: 'ingest',
  hilfe: `srb ingest [--db PFAD] [--mapping DATEI] [--benutzer NAME] [--json] DATEI...

Lädt Exportdateien der Träger und des Jugendamts nach Dateivertrag v1. Jede Datei für sich:
ganz oder gar nicht; dieselbe Datei zweimal ändert nichts; eine korrigierte Lieferung ersetzt
die frühere desselben Absenders für dieselben Sozialräume und Monate (die alten Zeilen bleiben
in der Historie). Abgelehnte Dateien kommen mit ihrem Fehlerbericht in die Quarantäne.

  --mapping DATEI  Zuordnungsdatei (JSON) für alle genannten Dateien
  --json           Ergebnis als JSON (für Skripte)

Exit-Code 0, wenn jede Datei geladen wurde oder schon geladen war; 1, wenn eine abgelehnt wurde.`,
  optionen: {
    ...dbOption,
    mapping: { type: 'string' },
    benutzer: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  async fuehreAus(w, dateien) {
    if (dateien.length === 0) {
      console.error('Keine Datei angegeben. Aufruf: srb ingest [--mapping DATEI] DATEI...');
      return 2;
    }
    const fehlen = dateien.filter((d) => !existsSync(d));
    if (fehlen.length > 0) {
      console.error(
        `Nichts geladen: ${fehlen.map((d) => `„${d}“`).join(', ')} gibt es nicht (Pfad und Schreibweise prüfen).`,
      );
      return 2;
    }
    const zuordnung = w.mapping ? ladeZuordnung(String(w.mapping)) : undefined;
    const wh = await oeffneWarehouse(String(w.db));
    const ergebnisse: LadeErgebnis[] = [];
    try {
      await nachLadungen(wh, async () => {
        for (const datei of dateien) {
          const anzeige = fortschrittsanzeige();
          try {
            ergebnisse.push(
              await ladeDatei(wh, datei, {
                zuordnung,
                benutzer: (w.benutzer as string | undefined) ?? process.env.USER ?? 'cli',
                kennzahlen: 'spaeter',
                fortschritt: (s) => anzeige.melde(`${datei}: ${s}`),
              }),
            );
          } finally {
            anzeige.fertig();
          }
          const e = ergebnisse.at(-1)!;
          if (!w.json) {
            (e.status === 'abgelehnt' ? console.error : console.log)(e.meldung);
            if (e.bericht)
              console.error(
                e.bericht.split('\n').slice(2).join('\n') + `Bericht und Datei in Quarantäne: ${e.quarantaene}\n`,
              );
          }
        }
      });
    } finally {
      wh.schliessen();
    }
    if (w.json) console.log(JSON.stringify(ergebnisse, null, 2));
    return ergebnisse.some((e) => e.status === 'abgelehnt') ? 1 : 0;
  },
};
