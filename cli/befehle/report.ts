import { schreibeJahresabrechnung } from '../../berichte/jahresabrechnung/index.ts';
import { oeffneWarehouse } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const report: Befehl = {
  name: 'report',
  kurz: 'Berichte zum Ausdrucken: die Spitzabrechnung eines Jahres',
  hilfe: `srb report --jahresabrechnung JJJJ [--db PFAD] --out ORDNER

  --jahresabrechnung JJJJ  Spitzabrechnung des personalisierten Finanzvolumens je Sozialraum und Träger:
                           HTML (druckt auf A4, eine Seite je Sozialraum, Unterschriftszeilen für Kreis
                           und Träger) und CSV (Semikolon, Dezimalkomma) mit den offenen Punkten`,
  optionen: { ...dbOption, jahresabrechnung: { type: 'string' }, out: { type: 'string' } },
  async ausfuehren(w) {
    if (!w.out || !/^\d{4}$/.test(String(w.jahresabrechnung ?? ''))) {
      console.error(`Bericht und Zielordner fehlen, z. B.: srb report --jahresabrechnung 2025 --out berichte/\n\n${this.hilfe}`);
      return 2;
    }
    const wh = await oeffneWarehouse(String(w.db));
    try {
      const pfade = await schreibeJahresabrechnung(wh, Number(w.jahresabrechnung), String(w.out));
      console.log(pfade.join('\n'));
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
