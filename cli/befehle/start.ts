import { abweichungImQuartal, letztesQuartal, oeffneWarehouse } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';
import { deutscheZahl } from '../format.ts';
import { ladeDemo } from './demo.ts';

export const start: Befehl = {
  name: 'start',
  kurz: 'Hauptjob: Demo-Warehouse beim ersten Lauf, dann Abweichung des letzten Quartals',
  hilfe: `srb start [--db PFAD]

Legt beim ersten Lauf das Warehouse mit Demodaten an und zeigt die Abweichung zum Ende des
letzten abgeschlossenen Quartals je Sozialraum und Topf.`,
  optionen: { ...dbOption },
  async ausfuehren(w) {
    const wh = await oeffneWarehouse(String(w.db));
    try {
      if (Number(await wh.wert(`SELECT count(*) FROM ladung WHERE status = 'geladen'`)) === 0) {
        console.error('Erster Start: lege das Demo-Warehouse an …');
        const code = await ladeDemo(wh, { scale: 1, seed: 1 });
        if (code !== 0) return code;
      }
      const q = await letztesQuartal(wh);
      const zeilen = await abweichungImQuartal(wh, q);
      const euro = (s: unknown) => (s === null ? '' : deutscheZahl(String(s)) + ' €');
      const tabelle = [['Sozialraum', 'Topf', 'Budget', 'Ist bis Stichtag', 'Prognose Rest', 'Hochrechnung', 'Abweichung', '%', 'Status', 'Methode']];
      for (const z of zeilen) {
        tabelle.push([String(z.sozialraum), String(z.topf), euro(z.budget), euro(z.ist_bis_stichtag), euro(z.prognose_rest),
          euro(z.hochrechnung), euro(z.abweichung), z.abweichung_prozent === null ? '' : deutscheZahl(String(z.abweichung_prozent)) + ' %',
          String(z.status), String(z.prognose_methode)]);
      }
      const breiten = tabelle[0]!.map((_, i) => Math.max(...tabelle.map((r) => r[i]!.length)));
      console.log(`Abweichung zum Quartalsende ${q.quartal}/${q.jahr} (Stichtag ${stichtag(q.jahr, q.quartal)})\n`);
      tabelle.forEach((r, n) => {
        console.log(r.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(breiten[i]!) : c.padEnd(breiten[i]!))).join('  ').trimEnd());
        if (n === 0) console.log(breiten.map((b) => '─'.repeat(b)).join('  '));
      });
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};

function stichtag(jahr: number, quartal: number): string {
  const tag = new Date(Date.UTC(jahr, 3 * quartal, 0)).getUTCDate();
  return `${String(tag).padStart(2, '0')}.${String(3 * quartal).padStart(2, '0')}.${jahr}`;
}
