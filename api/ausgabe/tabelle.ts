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
    case 'arrow':
      return { body: alsArrow(t), typ: ARROW };
    case 'csv':
      return { body: alsCsv(t.zeilen, t.spalten, t.zahlen), typ: 'text/csv; charset=utf-8' };
    default:
      return { body: JSON.stringify({ zeilen: t.zeilen }), typ: 'application/json; charset=utf-8' };
  }
}

/** A table once (ad-hoc results: no cache, no ETag). */
export function sendeTabelle(c: Context, t: Tabelle, kopf: Record<string, string> = {}): Response {
  const g = tabellenInhalt(t, c.req.header('accept'));
  const koepfe = { ...kopf, 'Content-Type': g.typ, 'Cache-Control': 'no-store' };
  return typeof g.body === 'string' ? c.body(g.body, 200, koepfe) : c.body(eigenerPuffer(g.body), 200, koepfe);
}

/**
 * The bytes as a view on a plain ArrayBuffer, as a response body wants them (a view on a SharedArrayBuffer
 * could change while it is sent). Arrow's bytes always lie in one: no copy then.
 */
function eigenerPuffer(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return b.buffer instanceof ArrayBuffer ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : Uint8Array.from(b);
}
