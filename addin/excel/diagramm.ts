import { block } from './adresse.ts';
import { ABSTAND, HOEHE } from './grafik.ts';
import { LAGE, Leseauftrag } from './lesen.ts';
import { gelesen, type Zellwert } from './zelle.ts';

/** One series of a chart bound to a table: a column's values, in one colour or coloured per row. */
export interface Diagrammreihe {
  /** The column's title in the table's header row. */
  spalte: string;
  farbe: string;
  /** Colours each point by the value of another column of its row (unknown values keep `farbe`). */
  farbeJe?: { spalte: string; farben: Record<string, string> };
}

/**
 * A native Excel chart whose series are columns of a table. Excel keeps a series' reference as a
 * fixed A1 block: when the pull rewrites the table with more or fewer rows, the chart would show too
 * few rows or empty ones; schreibeTabellen therefore points the series at the new block every time.
 */
export interface Diagrammbindung {
  /** The chart's name: how a refresh finds it again; a chart the controller renamed is left alone. */
  name: string;
  titel: string;
  /** Adjacent columns (several make a multi-level category axis, e.g. Sozialraum and Topf). */
  kategorien: string[];
  reihen: Diagrammreihe[];
}

/** Where a table stands after it was written: its header row, titles and body rows (in header order). */
export interface Tabellenlage {
  kopfzeile: number;
  kopf: string[];
  zeilen: Zellwert[][];
}

const BREITE = 640;

function spaltenindex(lage: Tabellenlage, titel: string, b: Diagrammbindung): number {
  const i = lage.kopf.indexOf(titel);
  if (i < 0) throw new Error(`Diagramm ${b.name}: die Tabelle hat keine Spalte „${titel}“`);
  return i;
}

/** The body block of some table columns; an empty table still has its one (blank) row. */
function koerper(lage: Tabellenlage, von: number, spalten = 1): string {
  return block(lage.kopfzeile + 1, von, Math.max(1, lage.zeilen.length), spalten);
}

/**
 * Queues the chart's series onto the table's current block: categories and values of each series and
 * each point's colour by its row (the status may have changed). `vorhanden` is how many series the
 * chart has (series the binding needs beyond them are added; further series the controller added
 * stay). A series' own colour is set when it is new (or `neu`): a controller's restyling survives a refresh.
 */
export function richteDiagrammAus(
  ws: Excel.Worksheet,
  chart: Excel.Chart,
  b: Diagrammbindung,
  lage: Tabellenlage,
  vorhanden: number,
  neu = false,
): void {
  const kat = b.kategorien.map((k) => spaltenindex(lage, k, b));
  const von = Math.min(...kat);
  if (Math.max(...kat) - von !== kat.length - 1)
    throw new Error(`Diagramm ${b.name}: die Kategorienspalten liegen nicht nebeneinander`);
  const kategorien = ws.getRange(koerper(lage, von, kat.length));
  for (const [n, r] of b.reihen.entries()) {
    const s = n < vorhanden ? chart.series.getItemAt(n) : chart.series.add(r.spalte);
    s.name = r.spalte;
    s.setValues(ws.getRange(koerper(lage, spaltenindex(lage, r.spalte, b))));
    s.setXAxisValues(kategorien);
    if (neu || n >= vorhanden) s.format.fill.setSolidColor(r.farbe);
    if (!r.farbeJe) continue;
    const je = spaltenindex(lage, r.farbeJe.spalte, b);
    // Every point, also those whose status did not change: a refresh may have moved rows.
    for (const [p, z] of lage.zeilen.entries())
      s.points.getItemAt(p).format.fill.setSolidColor(r.farbeJe.farben[String(gelesen(z[je] ?? ''))] ?? r.farbe);
  }
}

/**
 * Inserts the chart of a binding right of a table, below `bilder` pictures of fuegeGrafikenEin (same
 * height and spacing), replacing the chart of the same name. false without the sheet or the table.
 */
export async function fuegeDiagrammEin(
  platz: { blatt: string; tabelle: string },
  b: Diagrammbindung,
  bilder = 0,
): Promise<boolean> {
  return await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(platz.blatt);
    const tabelle = ctx.workbook.tables.getItemOrNullObject(platz.tabelle);
    ws.load('isNullObject');
    tabelle.load('isNullObject');
    await ctx.sync();
    if (ws.isNullObject || tabelle.isNullObject) return false;
    const bereich = tabelle.getRange().load(`${LAGE}, left, top, width`);
    const alt = ws.charts.getItemOrNullObject(b.name).load('isNullObject');
    await ctx.sync();
    const lesen = new Leseauftrag(ctx);
    const zellen = await lesen.lies(ws, bereich, ['values']);
    await lesen.fertig();
    if (!alt.isNullObject) alt.delete();
    const [kopf, ...zeilen] = zellen().values;
    // An empty table keeps one blank row (Excel needs one): no points to colour.
    const lage: Tabellenlage = {
      kopfzeile: bereich.rowIndex,
      kopf: kopf!.map(String),
      zeilen: zeilen.every((z) => z.every((w) => w === '')) ? [] : zeilen,
    };
    const erste = lage.kopf.indexOf(b.reihen[0]!.spalte);
    if (erste < 0) throw new Error(`Diagramm ${b.name}: die Tabelle hat keine Spalte „${b.reihen[0]!.spalte}“`);
    // Created from the first series' column (header and body): Excel takes the header as the series' name.
    const chart = ws.charts.add(
      'ColumnClustered',
      ws.getRange(block(lage.kopfzeile, erste, Math.max(1, lage.zeilen.length) + 1, 1)),
      'Columns',
    );
    chart.name = b.name;
    chart.title.text = b.titel;
    chart.legend.position = 'Bottom';
    chart.left = bereich.left + bereich.width + ABSTAND;
    chart.top = bereich.top + bilder * (HOEHE + ABSTAND);
    chart.width = BREITE;
    chart.height = HOEHE;
    richteDiagrammAus(ws, chart, b, lage, 1, true);
    await ctx.sync();
    return true;
  });
}
