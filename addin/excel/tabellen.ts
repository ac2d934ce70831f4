import { block, darunter, mitTitelzeile, ohneBlatt } from './adresse.ts';
import { richteDiagrammAus, type Diagrammbindung, type Tabellenlage } from './diagramm.ts';
import { FORMAT, type Spaltenart } from './format.ts';
import { LAGE, Leseauftrag, type Gelesen } from './lesen.ts';
import { Anfragebudget, groesse, inTeilen, ruhigStellen, schreibeBlock } from './schreiben.ts';
import { alsText, gelesen, zellwert, type Zellwert } from './zelle.ts';

export interface Spalte {
  name: string;
  titel: string;
  art: Spaltenart;
  schluessel?: boolean;
}

/** One named sheet with one Excel table of the warehouse's rows. */
export interface Blattinhalt {
  blatt: string;
  tabelle: string;
  titel: string;
  spalten: Spalte[];
  zeilen: Array<Record<string, unknown>>;
  /** Set for a further table under the first one of the same sheet: how it is named in what changed. */
  teil?: string;
  /** The note under the table (docs/regeln.md §9: what the small-number protection hid); the cell is the add-in's. */
  hinweis?: string | null;
  /** A native chart bound to this table's columns: if it is on the sheet, its series follow the rewrite. */
  diagramm?: Diagrammbindung;
}

/** What a refresh changed in a table, by its key columns; `name` is how the pane names it (sheet, and part if stacked). */
export interface Aenderung {
  blatt: string;
  name: string;
  zeilen: number;
  neu: number;
  geaendert: number;
  entfallen: number;
  erstmals: boolean;
}

const KOPFZEILE = 3; // 0-based: title, stand, blank, then the table's header row
const FARBE_KOPF = '#1D6F42';

const vergleichsschluessel = (z: Zellwert[], spalten: Spalte[]) =>
  spalten.flatMap((s, i) => (s.schluessel ? [String(gelesen(z[i]!))] : [])).join('|');

function vergleich(zeilen: Zellwert[][], spalten: Spalte[]): Map<string, string> {
  return new Map(zeilen.map((z) => [vergleichsschluessel(z, spalten), z.map((w) => String(gelesen(w))).join('|')]));
}

type Alt = Gelesen;

/**
 * Columns the controller added to the table (Excel widens a table when one types next to it), by
 * header, with each row's cells (formulas kept) under the row's key, so they follow their rows.
 */
function eigeneSpalten(vorher: Alt | null, i: Blattinhalt): { titel: string[]; zeilen: Map<string, unknown[]> } {
  if (!vorher) return { titel: [], zeilen: new Map() };
  const unsere = new Set(i.spalten.map((sp) => sp.titel));
  const kopf = vorher.values[0]!.map(String);
  const eigene = kopf.flatMap((t, k) => (unsere.has(t) ? [] : [k]));
  const schluessel = i.spalten.flatMap((sp) => (sp.schluessel ? [kopf.indexOf(sp.titel)] : []));
  return {
    titel: eigene.map((k) => kopf[k]!),
    zeilen: new Map(
      vorher.values.slice(1).map((z, r) => [
        schluessel.map((k) => String(gelesen(z[k]!))).join('|'),
        // A formula stays a formula; a constant (value and formula alike) is written back as what it was.
        eigene.map((k) => {
          const [w, f] = [z[k], vorher.formulas[r + 1]![k]];
          return w === f && typeof w === 'string' ? alsText(w) : f;
        }),
      ]),
    ),
  };
}

/** The old rows in our columns' order, for what changed. */
function unsereWerte(vorher: Alt, i: Blattinhalt): Zellwert[][] {
  const kopf = vorher.values[0]!.map(String);
  const stellen = i.spalten.map((sp) => kopf.indexOf(sp.titel));
  return vorher.values.slice(1).map((z) => stellen.map((k) => (k < 0 ? '' : z[k]!)));
}

function zaehle(
  i: Pick<Blattinhalt, 'blatt' | 'teil'>,
  alt: Map<string, string> | null,
  neu: Map<string, string>,
): Aenderung {
  const wer = { blatt: i.blatt, name: i.teil ? `${i.blatt} (${i.teil})` : i.blatt };
  if (!alt) return { ...wer, zeilen: neu.size, neu: neu.size, geaendert: 0, entfallen: 0, erstmals: true };
  let n = 0;
  let g = 0;
  for (const [k, v] of neu) {
    const vorher = alt.get(k);
    if (vorher === undefined) n++;
    else if (vorher !== v) g++;
  }
  return {
    ...wer,
    zeilen: neu.size,
    neu: n,
    geaendert: g,
    entfallen: [...alt.keys()].filter((k) => !neu.has(k)).length,
    erstmals: false,
  };
}

/** Where a table goes on its sheet: the first under the sheet's title, each further one under the one before. */
interface Platz {
  kopfzeile: number;
  erste: boolean;
}

/**
 * Creates or refreshes the sheets of a pull in four syncs when the old tables fit one response: (1)
 * which sheets and tables exist, (2) where the old tables are, (3) their cells (for what changed; a
 * bigger table takes a sync more per part, lesen.ts), (4) everything written. The table is
 * rewritten in place; columns the controller added to it follow their rows (by key), and columns and
 * notes beside it are not touched. Several contents of the same sheet are stacked, each with its title
 * above it and a blank row between them.
 */
export async function schreibeTabellen(inhalte: Blattinhalt[], stand: string): Promise<Aenderung[]> {
  return await Excel.run(async (ctx) => {
    const wb = ctx.workbook;
    const namen = [...new Set(inhalte.map((i) => i.blatt))];
    const blaetter = new Map(namen.map((n) => [n, wb.worksheets.getItemOrNullObject(n)]));
    const tabellen = inhalte.map((i) => wb.tables.getItemOrNullObject(i.tabelle));
    for (const x of [...blaetter.values(), ...tabellen]) x.load('isNullObject');
    await ctx.sync();

    const lagen = tabellen.map((t) => (t.isNullObject ? null : t.getRange().load(`address, ${LAGE}`)));
    // Only an existing sheet can hold the chart of a binding (a new sheet gets it from the command).
    const diagramme = inhalte.map((i) =>
      i.diagramm && !blaetter.get(i.blatt)!.isNullObject
        ? blaetter.get(i.blatt)!.charts.getItemOrNullObject(i.diagramm.name).load('isNullObject')
        : null,
    );
    const ziele = new Map(
      namen.map((n) => [n, blaetter.get(n)!.isNullObject ? wb.worksheets.add(n) : blaetter.get(n)!]),
    );
    await ctx.sync();

    const lesen = new Leseauftrag(ctx);
    const gelesen: Array<(() => Alt) | null> = [];
    for (const [n, lage] of lagen.entries())
      gelesen.push(lage ? await lesen.lies(ziele.get(inhalte[n]!.blatt)!, lage, ['values', 'formulas']) : null);
    await lesen.fertig();
    const alt = gelesen.map((g) => (g ? g() : null));

    ruhigStellen(ctx);
    const budget = new Anfragebudget(ctx);
    // Every old table goes before anything is written: a lower table moves when the one above it grows.
    for (const [n, lage] of lagen.entries()) {
      if (!lage) continue;
      tabellen[n]!.convertToRange();
      ziele
        .get(inhalte[n]!.blatt)!
        .getRange(inhalte[n]!.teil ? mitTitelzeile(ohneBlatt(lage.address)) : ohneBlatt(lage.address))
        .clear('All');
      if ('hinweis' in inhalte[n]!)
        ziele
          .get(inhalte[n]!.blatt)!
          .getRange(darunter(ohneBlatt(lage.address)))
          .clear('All');
    }
    const naechste = new Map<string, number>();
    const aenderungen: Aenderung[] = [];
    const gebunden: Array<{ n: number; lage: Tabellenlage; reihen: Excel.ChartSeriesCollection }> = [];
    for (const [n, i] of inhalte.entries()) {
      const ws = ziele.get(i.blatt)!;
      const platz: Platz = naechste.has(i.blatt)
        ? { kopfzeile: naechste.get(i.blatt)!, erste: false }
        : { kopfzeile: KOPFZEILE, erste: true };
      const werte = i.zeilen.map((z) => i.spalten.map((s) => zellwert(z[s.name], s.art)));
      const vorher = alt[n];
      aenderungen.push(
        zaehle(i, vorher ? vergleich(unsereWerte(vorher, i), i.spalten) : null, vergleich(werte, i.spalten)),
      );
      const eigene = eigeneSpalten(vorher ?? null, i);
      const hoehe = await schreibeTabelle(budget, ws, i, platz, werte, eigene, stand);
      naechste.set(i.blatt, platz.kopfzeile + hoehe + 2);
      const d = diagramme[n];
      if (d && !d.isNullObject) {
        gebunden.push({
          n,
          lage: {
            kopfzeile: platz.kopfzeile,
            kopf: [...i.spalten.map((sp) => sp.titel), ...eigene.titel],
            zeilen: werte,
          },
          reihen: d.series.load('count'),
        });
      }
    }
    await ctx.sync();
    // A fourth sync only where a bound chart is on the sheet: how many series it has now decides
    // which are re-pointed and which are added (the controller may have deleted one).
    if (gebunden.length > 0) {
      for (const g of gebunden)
        richteDiagrammAus(
          ziele.get(inhalte[g.n]!.blatt)!,
          diagramme[g.n]!,
          inhalte[g.n]!.diagramm!,
          g.lage,
          g.reihen.count,
        );
      await ctx.sync();
    }
    return aenderungen;
  });
}

/** One table with its title at its place; returns its height in rows (header included). */
async function schreibeTabelle(
  budget: Anfragebudget,
  ws: Excel.Worksheet,
  i: Blattinhalt,
  platz: Platz,
  werte: Zellwert[][],
  eigene: ReturnType<typeof eigeneSpalten>,
  stand: string,
): Promise<number> {
  const oben = platz.kopfzeile;
  if (platz.erste) {
    ws.getRange('A1').values = [[i.titel]];
    ws.getRange('A1').format.font.bold = true;
    ws.getRange('A1').format.font.size = 14;
    ws.getRange('A2').values = [[stand]];
    ws.freezePanes.freezeRows(KOPFZEILE + 1);
  } else {
    const titel = ws.getRange(block(oben - 1, 0, 1, 1));
    titel.values = [[i.titel]];
    titel.format.font.bold = true;
  }
  const kopf = [...i.spalten.map((s) => s.titel), ...eigene.titel];
  ws.getRange(block(oben, 0, 1, kopf.length)).values = [kopf];
  await schreibeBlock(
    budget,
    ws,
    oben + 1,
    0,
    werte,
    werte.map(() => i.spalten.map((s) => FORMAT[s.art])),
  );
  // An Excel table needs at least one data row.
  const hoehe = Math.max(2, werte.length + 1);
  const bereich = block(oben, 0, hoehe, kopf.length);
  const t = ws.tables.add(bereich, true);
  t.name = i.tabelle;
  t.style = 'TableStyleLight9';
  // The controller's own columns come after the table exists: their formulas use the table's
  // references (=[@Budget]*2), which Excel only accepts inside a table.
  if (eigene.titel.length > 0 && werte.length > 0) {
    const leer = eigene.titel.map(() => '');
    const formeln = werte.map((z) => eigene.zeilen.get(vergleichsschluessel(z, i.spalten)) ?? leer);
    for (const { von, bis, bytes } of inTeilen(formeln.length, (r) => groesse(formeln[r]), oben + 1)) {
      await budget.platz(bytes);
      ws.getRange(block(oben + 1 + von, i.spalten.length, bis - von, eigene.titel.length)).formulas = formeln.slice(
        von,
        bis,
      );
    }
  }
  if (i.hinweis) {
    const notiz = ws.getRange(block(oben + hoehe, 0, 1, 1));
    notiz.values = [[alsText(i.hinweis)]];
    notiz.format.font.italic = true;
  }
  const kopfzeile = t.getHeaderRowRange();
  kopfzeile.format.font.bold = true;
  kopfzeile.format.font.color = '#FFFFFF';
  kopfzeile.format.fill.color = FARBE_KOPF;
  ws.getRange(bereich).format.autofitColumns();
  return hoehe;
}
