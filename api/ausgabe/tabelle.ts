import type { Context } from 'hono';
import { alsCsv, type Tabelle } from '../../warehouse/index.ts';
import { alsArrow, ARROW } from './arrow.ts';
import type { Inhalt } from './speicher.ts';

export { ARROW } from './arrow.ts';

export type Format = 'json' | 'csv' | 'arrow';

/** The format an Accept header asks for: Arrow or CSV when named, else JSON. */
export function formatFuer(accept: string | undefined): Format {
  if (accept?.includes(ARROW)) return 'arrow';
  if (accept?.includes('text/csv')) return 'csv';
  return 'json';
}

/** A table as JSON ({zeilen}), CSV (semicolon, decimal comma) or Arrow, as the Accept header asks. */
export function tabellenInhalt(t: Tabelle, accept: string | undefined): Inhalt {
  switch (formatFuer(accept)) {
    case 'arrow': return { body: alsArrow(t), typ: ARROW };
    case 'csv': return { body: alsCsv(t.zeilen, t.spalten, t.zahlen), typ: 'text/csv; charset=utf-8' };
    default: return { body: JSON.stringify({ zeilen: t.zeilen }), typ: 'application/json; charset=utf-8' };
  }
}

/** A table once (ad-hoc results: no cache, no ETag). */
export function sendeTabelle(c: Context, t: Tabelle, kopf: Record<string, string> = {}): Response {
  const g = tabellenInhalt(t, c.req.header('accept'));
  return c.body(g.body as unknown as string, 200, { ...kopf, 'Content-Type': g.typ, 'Cache-Control': 'no-store' });
}
