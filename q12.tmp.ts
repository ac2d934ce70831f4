import { DuckDBInstance } from '@duckdb/node-api';
for (const w of ['alt', 'neu']) {
  const db = await DuckDBInstance.create(`/tmp/${w}12/data/w.duckdb`, { access_mode: 'READ_ONLY' });
  const c = await db.connect();
  for (const v of ['abweichung', 'umschichtung_vorschlag', 'finanzvolumen', 'praevention', 'jahresabrechnung', 'personal_pruefung', 'kontrakt_abgleich', 'projektion']) {
    const spalten = v === 'abweichung' ? 'jahr, quartal, sozialraum, topf, budget, soll_bis_stichtag, ist_bis_stichtag, prognose_rest, davon_umschichtung, hochrechnung, abweichung, abweichung_prozent, status, prognose_methode'
      : v === 'projektion' ? 'jahr, quartal, sozialraum, topf, ist_bis_stichtag, ist_rest, prognose_linear, prognose_saisonal' : '*';
    const spalten2 = v === 'kontrakt_abgleich' ? 'kontrakt, status, abweichende_felder, sozialraum, traeger, zeichnung_befund' : spalten;
    await c.run(`COPY (SELECT ${spalten2} FROM ${v}) TO '/tmp/x12/${w}_${v}.parquet'`);
  }
  c.closeSync();
}
