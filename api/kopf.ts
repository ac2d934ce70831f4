import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * A request header. On @hono/node-server straight from Node's parsed headers: the first c.req.header()
 * of a request builds a whole Headers object from the raw ones, which costs the figure endpoints
 * a tenth of their throughput. Elsewhere (app.request in tools) through Hono.
 */
export function kopf(c: Context, name: string): string | undefined {
  const roh = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.headers[name];
  if (roh !== undefined) return Array.isArray(roh) ? roh.join(', ') : roh;
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming ? undefined : c.req.header(name);
}

/** The caller's address, for the audit of failed sign-ins; „unbekannt“ off @hono/node-server (app.request in tools). */
export function adresseDerAnfrage(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unbekannt';
  } catch {
    return 'unbekannt';
  }
}
