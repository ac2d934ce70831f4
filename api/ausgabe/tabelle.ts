import { createHash } from 'node:crypto';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { Context } from 'hono';
import { alsCsv, type Tabelle } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';

export const ARROW = 'application/vnd.apache.arrow.stream';

type Format = 'json' | 'csv' | 'arrow';

function format(accept: string | undefined): Format {
  if (!accept) return 'json';
  if (accept.includes(ARROW)) return 'arrow';
  if (accept.includes('text/csv')) return 'csv';
  return 'json';
}

/** Arrow IPC stream: decimals stay text (exact), other columns as DuckDB typed them for JSON. */
function alsArrow(t: Tabelle): Uint8Array {
  const spalten: Record<string, unknown[]> = {};
  for (const s of t.spalten) spalten[s] = t.zeilen.map((z) => z[s] ?? null);
  return tableToIPC(tableFromArrays(spalten as Parameters<typeof tableFromArrays>[0]), 'stream');
}

interface Gespeichert { body: string | Uint8Array; typ: string }

function koerper(t: Tabelle, f: Format): Gespeichert {
  if (f === 'csv') return { body: alsCsv(t.zeilen, t.spalten, t.zahlen), typ: 'text/csv; charset=utf-8' };
  if (f === 'arrow') return { body: alsArrow(t), typ: ARROW };
  return { body: JSON.stringify({ zeilen: t.zeilen }), typ: 'application/json; charset=utf-8' };
}

/** A table once, in the format the Accept header asks for (ad-hoc results: no cache, no ETag). */
export function sendeTabelle(c: Context, t: Tabelle, kopf: Record<string, string> = {}): Response {
  const g = koerper(t, format(c.req.header('accept')));
  return c.body(g.body as unknown as string, 200, { ...kopf, 'Content-Type': g.typ, 'Cache-Control': 'no-store' });
}

/**
 * Answers a table as JSON ({zeilen}), CSV or Arrow by the Accept header, with Last-Modified and an
 * ETag of the warehouse's change count, so that a client that has it gets 304 without a query. Equal
 * requests between two changes are answered from memory, headers and all.
 */
export class Tabellenausgabe {
  private speicher = new Map<string, Gespeichert & { kopf: Record<string, string> }>();
  private speicherStand = -1;

  constructor(private readonly d: Dienste) {}

  async antworte(c: Context, bereichsschluessel: string, laden: () => Promise<Tabelle>): Promise<Response> {
    if (this.speicherStand !== this.d.stand) {
      this.speicher.clear();
      this.speicherStand = this.d.stand;
    }
    const f = format(c.req.header('accept'));
    const schluessel = `${f}|${c.req.url}|${bereichsschluessel}`;
    let g = this.speicher.get(schluessel);
    const etag = g?.kopf.ETag ?? `W/"${this.d.start}.${this.d.stand}-${createHash('sha1').update(schluessel).digest('hex').slice(0, 16)}"`;
    const zuletzt = new Date(Math.floor(this.d.letzteAenderung.getTime() / 1000) * 1000);
    const wenn = c.req.header('if-none-match');
    const seit = c.req.header('if-modified-since');
    if (wenn === etag || (!wenn && seit && Date.parse(seit) >= zuletzt.getTime())) {
      return c.body(null, 304, { ETag: etag, 'Last-Modified': zuletzt.toUTCString(), 'Cache-Control': 'private, no-cache' });
    }
    if (!g) {
      const k = koerper(await laden(), f);
      g = {
        ...k,
        kopf: {
          ETag: etag, 'Last-Modified': zuletzt.toUTCString(), 'Cache-Control': 'private, no-cache',
          Vary: 'Accept, Authorization, Origin', 'Content-Type': k.typ,
        },
      };
      if (this.speicher.size > 500) this.speicher.clear();
      this.speicher.set(schluessel, g);
    }
    return c.body(g.body as unknown as string, 200, g.kopf);
  }
}
