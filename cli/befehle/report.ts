import { quartalText, schreibeJahresabrechnung, schreibeQuartalspaket } from '../../berichte/index.ts';
import { oeffneWarehouse, quartalAus } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const report: Befehl = {
  name: 'report',
  hilfe: `srb report --quarter JJJJ-QN|latest [--db PFAD] --out ORDNER
srb report --jahresabrechnung JJJJ [--db PFAD] --out ORDNER

  --quarter JJJJ-QN        Grafikpaket zum Quartalsende für Coaching-Gruppe, Lenkungsgruppe und UA JHP:
                           jede Grafik je Sozialraum und für den Landkreis als SVG, PNG (2×), Vega-Lite
                           (.vl.json, mit Daten) und CSV, dazu index.html zum Ansehen und Drucken.
                           latest: das letzte beendete Quartal. Für cron geeignet: schreibt dieselben
                           Dateien neu; Exit-Code 1 mit Meldung, wenn das Quartal keine Zahlen hat.
  --jahresabrechnung JJJJ  Spitzabrechnung des personalisierten Finanzvolumens je Sozialraum und Träger:
                           HTML (druckt auf A4, eine Seite je Sozialraum, Unterschriftszeilen für Kreis
                           und Träger) und CSV (Semikolon, Dezimalkomma) mit den offenen Punkten`,
  optionen: { ...dbOption, quarter: { type: 'string' }, jahresabrechnung: { type: 'string' }, out: { type: 'string' } },
  async fuehreAus(w) {
    const jahr = String(w.jahresabrechnung ?? '');
    if (
      !w.out ||
      (w.quarter === undefined) === (w.jahresabrechnung === undefined) ||
      (w.jahresabrechnung !== undefined && !/^\d{4}$/.test(jahr))
    ) {
      console.error(
        `Genau ein Bericht (--quarter oder --jahresabrechnung) und ein Zielordner, z. B.: srb report --quarter latest --out berichte/\n\n${this.hilfe}`,
      );
      return 2;
    }
    const wh = await oeffneWarehouse(String(w.db));
    try {
      if (w.quarter !== undefined) {
        const q = await quartalAus(wh, String(w.quarter));
        const start = performance.now();
        const p = await schreibeQuartalspaket(wh, q, String(w.out));
        console.log(
          `Grafikpaket ${quartalText(q)}: ${p.dateien.length} Dateien für ${p.sozialraeume.length} Sozialräume und den Landkreis in ${String(w.out)} ` +
            `(${((performance.now() - start) / 1000).toFixed(1).replace('.', ',')} s). Ansehen: ${String(w.out)}/index.html`,
        );
      } else {
        console.log((await schreibeJahresabrechnung(wh, Number(jahr), String(w.out))).join('\n'));
      }
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
