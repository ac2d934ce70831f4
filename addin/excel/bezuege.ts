// The cells an =SRB.* formula takes its arguments from, read as Excel shows them: Herkunft anzeigen
// needs the values, not the references (=SRB.IST($A5;B$2;3) in a controller's own layout).

/** A formula argument that points elsewhere: a cell (B2, $B$2, Blatt!B2, 'Mein Blatt'!B2) or a workbook name. */
export type Bezug = { blatt: string | null; zelle: string } | { name: string };

/** Its value, or why there is none (in German, naming the reference). */
export type Bezugswert = { wert: unknown } | { fehlt: string };

const ZELLE = /^(?:(?:'((?:[^']|'')+)'|([^'!;,()"\s]+))!)?(\$?[A-Z]{1,3}\$?[1-9]\d{0,6})$/i;
const NAME = /^[A-Za-z_\\][\w.\\]*$/;

/** The argument as a reference, or null when it is none (text, a number, an expression). */
export function alsBezug(argument: string): Bezug | null {
  const z = ZELLE.exec(argument);
  if (z) return { blatt: z[1]?.replaceAll("''", "'") ?? z[2] ?? null, zelle: z[3]!.replaceAll('$', '') };
  if (NAME.test(argument) && !/^(WAHR|FALSCH|TRUE|FALSE)$/i.test(argument)) return { name: argument };
  return null;
}

const text = (b: Bezug) => ('name' in b ? `Name ${b.name}` : b.blatt ? `${b.blatt}!${b.zelle}` : b.zelle);

/** Reads the references' values in two syncs; a cell reference without sheet is on `blatt` (the formula's). */
export async function liesBezuege(blatt: string, bezuege: readonly Bezug[]): Promise<Bezugswert[]> {
  if (bezuege.length === 0) return [];
  return await Excel.run(async (ctx) => {
    const quellen = bezuege.map((b) =>
      'name' in b
        ? { art: 'name' as const, bezug: b, name: ctx.workbook.names.getItemOrNullObject(b.name) }
        : {
            art: 'zelle' as const,
            bezug: b,
            blatt: ctx.workbook.worksheets.getItemOrNullObject(b.blatt ?? blatt),
            zelle: b.zelle,
          },
    );
    for (const q of quellen) {
      if (q.art === 'name') q.name.load('isNullObject, type, value');
      else q.blatt.load('isNullObject');
    }
    await ctx.sync();
    const bereiche = quellen.map((q) => {
      if (q.art === 'name') return q.name.isNullObject || q.name.type !== 'Range' ? null : q.name.getRange();
      return q.blatt.isNullObject ? null : q.blatt.getRange(q.zelle);
    });
    for (const r of bereiche) r?.load('values, rowCount, columnCount');
    await ctx.sync();
    return quellen.map((q, i): Bezugswert => {
      const r = bereiche[i];
      if (q.art === 'name' && q.name.isNullObject)
        return { fehlt: `Den ${text(q.bezug)} gibt es in dieser Mappe nicht.` };
      if (!r)
        return q.art === 'name' ? { wert: q.name.value } : { fehlt: `Das Blatt von ${text(q.bezug)} gibt es nicht.` };
      if (r.rowCount !== 1 || r.columnCount !== 1)
        return { fehlt: `${text(q.bezug)} umfasst mehr als eine Zelle; die Herkunft braucht einen Wert.` };
      return { wert: r.values[0]![0] };
    });
  });
}
