import { existsSync } from 'node:fs';
import { oeffneWarehouse, protokolliere, stelleWiederHer, Warehouse } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const restore: Befehl = {
  name: 'restore',
  hilfe: `srb restore DATEI [--db PFAD]

Prüft die Sicherung (Prüfsumme aus DATEI.sha256, lesbare DuckDB-Datei, Tabellen eines Warehouses)
und setzt sie an die Stelle des Warehouses. Eine beschädigte oder fremde Datei wird abgelehnt; das
Warehouse bleibt dann, wie es ist. Das bisherige Warehouse bleibt als PFAD.vor-wiederherstellung-ZEIT.
Der Server muss beendet sein (er besitzt die Datei).`,
  optionen: { ...dbOption },
  async fuehreAus(w, positionen) {
    const [datei] = positionen;
    if (!datei || positionen.length > 1) {
      console.error('Bitte genau eine Sicherungsdatei angeben: srb restore DATEI');
      return 2;
    }
    const db = String(w.db);
    // A running server holds the file: then nothing may be replaced under it. Read-only, so that
    // a refused restore leaves the file byte for byte as it was.
    if (existsSync(db)) (await Warehouse.oeffnen(db, { nurLesen: true })).schliessen();
    const { vorher } = await stelleWiederHer(datei, db);
    const wh = await oeffneWarehouse(db);
    try {
      await protokolliere(wh, {
        benutzer: process.env.USER ?? 'cli',
        aktion: 'wiederherstellung',
        objekt: datei,
        details: vorher ? `vorheriger Stand: ${vorher}` : null,
      });
    } finally {
      wh.schliessen();
    }
    console.log(
      `Warehouse ${db} aus ${datei} wiederhergestellt.${vorher ? ` Der vorherige Stand liegt in ${vorher}.` : ''}`,
    );
    return 0;
  },
};
