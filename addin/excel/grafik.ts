export interface Grafik {
  /** Shape name: inserting again replaces the shape of the same name. */
  name: string;
  svg: string;
  /** PNG as base64, fetched only where Excel cannot take SVG. */
  png(): Promise<string>;
}

export interface Platz {
  blatt: string;
  tabelle: string;
}

// shapes.addSvg is not in @types/office-js (1.0.612): hosts that have it get the SVG, the others
// (and hosts whose addSvg refuses the graphic) the PNG through addImage.
type Formen = Excel.ShapeCollection & { addSvg?: (xml: string) => Excel.Shape };

export const ABSTAND = 18;
export const HOEHE = 300;

/**
 * Inserts charts right of a table, one below the other: as SVG (shapes.addSvg), or as PNG
 * (shapes.addImage) where this Excel cannot take SVG. Returns how each was inserted, null without the sheet.
 */
export async function fuegeGrafikenEin(platz: Platz, grafiken: Grafik[]): Promise<Array<'svg' | 'png'> | null> {
  return await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(platz.blatt);
    const tabelle = ctx.workbook.tables.getItemOrNullObject(platz.tabelle);
    ws.load('isNullObject');
    tabelle.load('isNullObject');
    await ctx.sync();
    if (ws.isNullObject) return null;
    const alte = grafiken.map((g) => ws.shapes.getItemOrNullObject(g.name).load('isNullObject'));
    const lage = tabelle.isNullObject ? null : tabelle.getRange().load('left, top, width');
    await ctx.sync();
    // Deleted in the same batch as the new shape is added.
    for (const a of alte) if (!a.isNullObject) a.delete();
    const links = lage ? lage.left + lage.width + ABSTAND : ABSTAND;
    const oben = lage ? lage.top : ABSTAND;
    const arten: Array<'svg' | 'png'> = [];
    for (const [i, g] of grafiken.entries()) {
      // The PNG is rendered at twice the size for print: without a set height it would cover the next chart.
      const setze = (s: Excel.Shape) => {
        s.name = g.name;
        s.lockAspectRatio = true;
        s.height = HOEHE;
        s.left = links;
        s.top = oben + i * (HOEHE + ABSTAND);
      };
      const formen: Formen = ws.shapes;
      if (typeof formen.addSvg === 'function') {
        try {
          setze(formen.addSvg(g.svg));
          await ctx.sync();
          arten.push('svg');
          continue;
        } catch {
          /* this host cannot take this SVG: the PNG below */
        }
      }
      setze(formen.addImage(await g.png()));
      await ctx.sync();
      arten.push('png');
    }
    return arten;
  });
}

/** Which of these charts are on the sheet (a chart inserted once is refreshed after a write). */
export async function vorhandeneGrafiken(blatt: string, namen: string[]): Promise<string[]> {
  return await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(blatt);
    ws.load('isNullObject');
    await ctx.sync();
    if (ws.isNullObject) return [];
    const formen = namen.map((n) => ws.shapes.getItemOrNullObject(n).load('isNullObject'));
    await ctx.sync();
    return namen.filter((_, i) => !formen[i]!.isNullObject);
  });
}
