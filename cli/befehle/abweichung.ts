import { deutscheZahl } from '../../format/index.ts';
import {
  abweichungImQuartal,
  oeffneWarehouse,
  quartalAus,
  stichtagText,
  WarehouseFehler,
} from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const abweichung: Befehl = {
  name: 'abweichung',
  hilfe: `srb abweichung [--db PFAD] [--quartal latest|JJJJ-QN]

Zeigt die Abweichung zum Ende eines Quartals (Standard: das letzte abgeschlossene) je Sozialraum
und Topf: Budget, Ist, Prognose, Hochrechnung, Abweichung, Status.`,
  optionen: { ...dbOption, quartal: { type: 'string', default: 'latest' } },
  async fuehreAus(w) {
    const wh = await oeffneWarehouse(String(w.db));
    try {
      const q = await quartalAus(wh, String(w.quartal));
      const zeilen = await abweichungImQuartal(wh, q);
      if (zeilen.length === 0)
        throw new WarehouseFehler(
          'keine_daten',
          `Für ${q.quartal}/${q.jahr} gibt es keine Abweichung (Quartal nicht beendet oder kein Budget geladen).`,
        );
      const euro = (s: unknown) => (s === null ? '' : deutscheZahl(String(s)) + ' €');
      const tabelle = [
        [
          'Sozialraum',
          'Topf',
          'Budget',
          'Ist bis Stichtag',
          'Prognose Rest',
          'davon Umschichtung',
          'Hochrechnung',
          'Abweichung',
          '%',
          'Status',
          'Methode',
        ],
      ];
      for (const z of zeilen) {
        tabelle.push([
          String(z.sozialraum),
          String(z.topf),
          euro(z.budget),
          euro(z.ist_bis_stichtag),
          euro(z.prognose_rest),
          euro(z.davon_umschichtung),
          euro(z.hochrechnung),
          euro(z.abweichung),
          z.abweichung_prozent === null ? '' : deutscheZahl(String(z.abweichung_prozent)) + ' %',
          String(z.status),
          String(z.prognose_methode),
        ]);
      }
      const breiten = tabelle[0]!.map((_, i) => Math.max(...tabelle.map((r) => r[i]!.length)));
      console.log(`Abweichung zum Quartalsende ${q.quartal}/${q.jahr} (Stichtag ${stichtagText(q)})\n`);
      tabelle.forEach((r, n) => {
        console.log(
          r
            .map((c, i) => (i >= 2 && i <= 8 ? c.padStart(breiten[i]!) : c.padEnd(breiten[i]!)))
            .join('  ')
            .trimEnd(),
        );
        if (n === 0) console.log(breiten.map((b) => '─'.repeat(b)).join('  '));
      });
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
