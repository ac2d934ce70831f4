import { describe, expect, it } from 'vitest';
import {
  ABWEICHUNGSDIAGRAMM,
  abweichungsgrafikEinfuegen,
  alleAktualisieren,
  BUDGET_FARBE,
  holeAbweichung,
  STATUS_FARBE,
  zahlenHolen,
  type Auswahl,
} from '../addin/ablauf/index.ts';
import { schreibeTabellen } from '../addin/excel/index.ts';
import { STATUS_FARBE as PAKET_STATUS_FARBE } from '../grafiken/index.ts';
import { abweichungEbenen } from '../grafiken/specs/abweichung.ts';
import { addinTests } from './addin-helfer.ts';
import { excelFuer, type Bezug, type Diagramm, type Mappe } from './excel-doppel/index.ts';

// Abweichungsgrafik einfügen as a native Excel chart: bound to the columns of SRB_Abweichung, in the
// pack's colours per status, and still covering the whole table after a refresh with other rows.

const u = addinTests('jugendamt');

const alle: Auswahl = { jahr: 2026, quartal: 3, sozialraeume: ['konz', 'schweich', 'hermeskeil', 'saarburg'] };
const nurKonz: Auswahl = { ...alle, sozialraeume: ['konz'] };

const diagramm = (m: Mappe): Diagramm => {
  const d = m.blatt('Abweichung')!.diagramme.filter((x) => x.name === ABWEICHUNGSDIAGRAMM.name);
  expect(d).toHaveLength(1);
  return d[0]!;
};

/** The table's body block of these adjacent columns (by header title), as the chart should refer to it. */
function spalten(m: Mappe, ...titel: string[]): Bezug {
  const t = m.tabellen.find((x) => x.name === 'SRB_Abweichung')!;
  const kopf = m.bezugswerte({ blatt: t.blatt, block: { ...t.bereich, zeilen: 1 } })[0]!;
  const i = titel.map((x) => kopf.indexOf(x));
  expect(Math.min(...i)).toBeGreaterThanOrEqual(0);
  return {
    blatt: t.blatt,
    block: { zeile: t.bereich.zeile + 1, spalte: Math.min(...i), zeilen: t.bereich.zeilen - 1, spalten: titel.length },
  };
}

/** What the table says per row in one column. */
const spalte = (m: Mappe, titel: string) => m.bezugswerte(spalten(m, titel)).map((z) => z[0]);

/** The chart is bound to the whole table, and each Hochrechnung point has its status's colour. */
function pruefeBindung(m: Mappe): void {
  const d = diagramm(m);
  const [budget, hochrechnung] = d.reihen;
  expect(d.reihen).toHaveLength(2);
  expect(budget).toMatchObject({
    name: 'Budget',
    werte: spalten(m, 'Budget'),
    kategorien: spalten(m, 'Sozialraum', 'Topf'),
    fuellung: BUDGET_FARBE.toUpperCase(),
  });
  expect(hochrechnung).toMatchObject({
    name: 'Hochrechnung',
    werte: spalten(m, 'Hochrechnung'),
    kategorien: spalten(m, 'Sozialraum', 'Topf'),
  });
  // The chart shows the table's figures, row for row.
  expect(m.bezugswerte(hochrechnung!.werte!).map((z) => z[0])).toEqual(spalte(m, 'Hochrechnung'));
  const status = spalte(m, 'Status');
  expect(status.every((s) => typeof s === 'string' && s in PAKET_STATUS_FARBE)).toBe(true);
  expect([...hochrechnung!.punktfuellung.keys()].filter((i) => i < status.length).sort((a, b) => a - b)).toEqual(
    status.map((_, i) => i),
  );
  expect(status.map((_, i) => hochrechnung!.punktfuellung.get(i))).toEqual(
    status.map((s) => PAKET_STATUS_FARBE[String(s)]!.toUpperCase()),
  );
}

describe('Abweichungsgrafik als Excel-Diagramm', () => {
  it('die Farben je Status und der graue Budgetbalken sind die des Quartalspakets', () => {
    expect(STATUS_FARBE).toEqual(PAKET_STATUS_FARBE);
    const budgetbalken = abweichungEbenen(560).layer[0]!.mark as { color: string };
    expect(BUDGET_FARBE).toBe(budgetbalken.color);
  });

  it('fügt ein Säulendiagramm über den Spalten von SRB_Abweichung ein: Budget grau, Hochrechnung in der Farbe ihres Status', async () => {
    await zahlenHolen(u.clients.jugendamt, alle);
    expect(await abweichungsgrafikEinfuegen(u.clients.jugendamt, alle, 'diagramm')).toEqual({
      art: 'eingefuegt',
      arten: ['diagramm'],
    });
    const d = diagramm(u.mappe);
    expect(d).toMatchObject({
      art: 'ColumnClustered',
      titel: ABWEICHUNGSDIAGRAMM.titel,
      legende: 'Bottom',
      hoehe: 300,
    });
    expect(d.links).toBeGreaterThan(13 * 64); // right of the table
    expect(u.mappe.blatt('Abweichung')!.formen).toEqual([]);
    pruefeBindung(u.mappe);
    // Several statuses in the demo county: the colours really differ per point.
    expect(new Set(d.reihen[1]!.punktfuellung.values()).size).toBeGreaterThan(1);

    // Inserting again replaces it, it does not add a second one.
    await abweichungsgrafikEinfuegen(u.clients.jugendamt, alle, 'diagramm');
    expect(u.mappe.blatt('Abweichung')!.diagramme).toHaveLength(1);
  });

  it('beide: das Bild je Sozialraum wie im Paket, darunter das Excel-Diagramm', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const r = await abweichungsgrafikEinfuegen(u.clients.jugendamt, nurKonz);
    expect(r).toEqual({ art: 'eingefuegt', arten: ['svg', 'diagramm'] });
    const blatt = u.mappe.blatt('Abweichung')!;
    expect(blatt.formen.map((f) => f.name)).toEqual(['SRB_Abweichung_konz']);
    const d = diagramm(u.mappe);
    expect(d.oben).toBe(blatt.formen[0]!.oben + 300 + 18);
    expect(d.links).toBe(blatt.formen[0]!.links);
  });

  it('folgt jeder Aktualisierung: mehr Zeilen (Alle aktualisieren), weniger Zeilen (Zahlen holen), und die Farben folgen dem Status jeder Zeile', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    await abweichungsgrafikEinfuegen(u.clients.jugendamt, nurKonz, 'diagramm');
    const einer = spalten(u.mappe, 'Budget').block.zeilen;
    pruefeBindung(u.mappe);
    // As if the statuses had changed: the refresh colours every point from the table again.
    diagramm(u.mappe).reihen[1]!.punktfuellung.clear();
    // The controller's own colour for the budget survives the refresh.
    diagramm(u.mappe).reihen[0]!.fuellung = '#777777';

    await alleAktualisieren(u.clients.jugendamt, alle, null, () => undefined);
    const vier = spalten(u.mappe, 'Budget').block.zeilen;
    expect(vier).toBeGreaterThan(einer);
    expect(diagramm(u.mappe).reihen[0]!.fuellung).toBe('#777777');
    diagramm(u.mappe).reihen[0]!.fuellung = BUDGET_FARBE.toUpperCase();
    pruefeBindung(u.mappe);
    expect(diagramm(u.mappe).reihen[1]!.werte!.block.zeilen).toBe(vier);

    await zahlenHolen(u.clients.jugendamt, nurKonz);
    expect(spalten(u.mappe, 'Budget').block.zeilen).toBe(einer);
    pruefeBindung(u.mappe);
    // No trailing empty categories from the longer table before.
    expect(u.mappe.bezugswerte(diagramm(u.mappe).reihen[0]!.kategorien!).every((z) => z.every((w) => w !== ''))).toBe(
      true,
    );
  });

  it('nach dem Zurückschreiben (die Tabelle allein neu geschrieben) und mit einer vom Controller gelöschten Datenreihe', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    await abweichungsgrafikEinfuegen(u.clients.jugendamt, nurKonz, 'diagramm');
    const d = diagramm(u.mappe);
    d.reihen.splice(1, 1); // the controller deleted the Hochrechnung series
    const syncs = u.mappe.syncs;
    // What the pane does after a write back: only SRB_Abweichung, with the pane's choice plus the Sozialraum.
    await schreibeTabellen([await holeAbweichung(u.clients.jugendamt, alle)], 'Stand');
    pruefeBindung(u.mappe);
    // One sync more than without the chart: the series count decides what is re-pointed and what added.
    expect(u.mappe.syncs - syncs).toBe(5);
  });

  it('lässt ein vom Controller umbenanntes Diagramm in Ruhe, und ohne Diagramm bleibt ein Abruf bei vier Syncs je Tabellenschreiben', async () => {
    await zahlenHolen(u.clients.jugendamt, nurKonz);
    const ohne = u.mappe.syncs;
    await schreibeTabellen([await holeAbweichung(u.clients.jugendamt, alle)], 'Stand');
    expect(u.mappe.syncs - ohne).toBe(4);
    await abweichungsgrafikEinfuegen(u.clients.jugendamt, nurKonz, 'diagramm');
    const d = u.mappe.blatt('Abweichung')!.diagramme[0]!;
    d.name = 'Mein Diagramm';
    const vorher = structuredClone(d.reihen);
    await schreibeTabellen([await holeAbweichung(u.clients.jugendamt, alle)], 'Stand');
    expect(d.reihen).toEqual(vorher);
  });

  it('das Double: charts.add liest Kopf und Kategorien wie Excel, Punkte gibt es nur so viele wie Werte', async () => {
    const m = u.mappe;
    const excel = excelFuer(m);
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Tabelle1');
      ws.getRange('A1:C3').values = [
        ['Topf', 'Budget', 'Ist'],
        ['asd', 10, 4],
        ['variabel', 20, 30],
      ];
      const c = ws.charts.add('ColumnClustered', ws.getRange('A1:C3'), 'Columns');
      c.name = 'T';
      await ctx.sync();
    });
    const d = m.blatt('Tabelle1')!.diagramme[0]!;
    expect(d.reihen.map((r) => [r.name, m.bezugswerte(r.werte!).flat(), m.bezugswerte(r.kategorien!).flat()])).toEqual([
      ['Budget', [10, 20], ['asd', 'variabel']],
      ['Ist', [4, 30], ['asd', 'variabel']],
    ]);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets
          .getItem('Tabelle1')
          .charts.getItem('T')
          .series.getItemAt(0)
          .points.getItemAt(2)
          .format.fill.setSolidColor('#c0392b');
        await ctx.sync();
      }),
    ).rejects.toThrow(/InvalidArgument: Punkt 2/);
    await expect(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Tabelle1');
        ws.charts.getItem('T').series.getItemAt(0).setValues(ws.getRange('B2:C3'));
        await ctx.sync();
      }),
    ).rejects.toThrow(/eine Zeile oder eine Spalte/);
  });
});
