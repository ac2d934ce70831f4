import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { ApiUmgebung } from '../kontext.ts';
import { kopf } from '../kopf.ts';

// Every answer's own headers (security, CORS, request id) are gathered in one plain record instead of
// c.header(): Hono turns prepared headers into a Headers object per request, and @hono/node-server then
// converts them back, which costs the figure endpoints a third of their throughput. Answers built with
// `mitKoepfen` carry the record from the start; any other answer gets it added once at the end.

const SICHERHEIT: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-site',
  // The task pane is framed by Office: no X-Frame-Options, and the API's JSON has nothing to frame.
};

// Browsers ignore HSTS over plain HTTP, so it is only sent where it means something.
const NUR_HTTPS = { 'Strict-Transport-Security': 'max-age=15552000; includeSubDomains' };

/** Outermost: opens the record of headers and makes sure every answer carries it. */
export function sicherheitskoepfe(https: boolean) {
  const vorlage = https ? { ...SICHERHEIT, ...NUR_HTTPS } : SICHERHEIT;
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const koepfe = { ...vorlage };
    c.set('koepfe', koepfe);
    await next();
    if (c.get('koepfeGesetzt')) return;
    for (const k in koepfe) c.res.headers.set(k, koepfe[k]!);
  });
}

/** An answer that carries the request's headers from the start (the fast path of the server library). */
export function mitKoepfen(
  c: Context<ApiUmgebung>,
  body: string | Uint8Array | null,
  status: number,
  kopf: Record<string, string>,
): Response {
  c.set('koepfeGesetzt', true);
  return new Response(body as BodyInit | null, { status, headers: { ...c.get('koepfe'), ...kopf } });
}

/** CORS only for the add-in's own origins (the server's own addresses). */
export function eigeneHerkunft(erlaubt: string[]) {
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const herkunft = kopf(c, 'origin');
    const zugelassen = herkunft !== undefined && erlaubt.includes(herkunft);
    if (zugelassen) {
      Object.assign(c.get('koepfe'), {
        'Access-Control-Allow-Origin': herkunft,
        'Access-Control-Expose-Headers': 'ETag, Last-Modified, X-Request-Id',
        Vary: 'Origin',
      });
    }
    if (c.req.method === 'OPTIONS' && herkunft !== undefined) {
      if (!zugelassen) return c.body(null, 403);
      return c.body(null, 204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match, If-Modified-Since, Accept',
        'Access-Control-Max-Age': '600',
      });
    }
    await next();
  });
}
