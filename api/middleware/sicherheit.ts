import { createMiddleware } from 'hono/factory';
import type { ApiUmgebung } from '../kontext.ts';

// Headers are set before the handler runs (c.header), so that Hono builds each response once with
// all of them: touching a finished response's headers afterwards, as the stock secureHeaders and cors
// middleware do, turns @hono/node-server's fast path into a stream copy and costs most of the throughput.

const KOEPFE: Array<[string, string]> = [
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-site'],
  // The task pane is framed by Office: no X-Frame-Options, and the API's JSON has nothing to frame.
  // Each header costs on every response; these are the ones that protect a JSON API and its pages.
];

export function sicherheitskoepfe() {
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    for (const [k, v] of KOEPFE) c.header(k, v);
    await next();
  });
}

/** CORS only for the add-in's own origins (the server's own addresses). */
export function eigeneHerkunft(erlaubt: string[]) {
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const herkunft = c.req.header('origin');
    const zugelassen = herkunft !== undefined && erlaubt.includes(herkunft);
    if (zugelassen) {
      c.header('Access-Control-Allow-Origin', herkunft);
      c.header('Access-Control-Expose-Headers', 'ETag, Last-Modified, X-Request-Id');
      c.header('Vary', 'Origin');
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
