import { katalogstand, ladeReferenzdaten, oeffneWarehouse } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const init: Befehl = {
  name: 'init',
  hilfe: `srb init [--db PFAD]

Legt die DuckDB-Datei an (Standard ./data/warehouse.duckdb) oder bringt Schema, Sichten und
Referenzdaten (Sozialräume, Gemeinden mit AGS, Hilfearten) auf den Stand dieser Version.
Geladene Daten bleiben erhalten.`,
  optionen: { ...dbOption },
  async fuehreAus(w) {
    const wh = await oeffneWarehouse(String(w.db));
    try {
      await ladeReferenzdaten(wh);
      const k = await katalogstand(wh);
      console.log(
        `Warehouse ${wh.pfad} bereit: ${k.sozialraeume} Sozialräume, ${k.gemeinden} Gemeinden, ${k.hilfearten} Hilfearten im Katalog.`,
      );
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
