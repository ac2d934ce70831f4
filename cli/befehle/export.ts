import { exportiereParquet, oeffneWarehouse } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const exportBefehl: Befehl = {
  name: 'export',
  hilfe: `srb export [--db PFAD] --parquet ORDNER

Schreibt die Sichten für Analysten und die Fakten als Parquet, nach jahr partitioniert
(Hive-Layout ORDNER/verbrauch/jahr=2025/…), lesbar mit DuckDB, Spark, pandas, Power BI.`,
  optionen: { ...dbOption, parquet: { type: 'string' } },
  async fuehreAus(w) {
    if (!w.parquet) {
      console.error('Zielordner fehlt: srb export --parquet ORDNER');
      return 2;
    }
    const wh = await oeffneWarehouse(String(w.db));
    try {
      const pfade = await exportiereParquet(wh, String(w.parquet));
      console.log(`${pfade.length} Sichten und Tabellen nach ${w.parquet} exportiert.`);
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
