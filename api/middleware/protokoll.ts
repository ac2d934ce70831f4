import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { ApiUmgebung } from '../kontext.ts';

/** One log line per request: id, method, path (no query: it may carry a token), status, duration, user. No payloads. */
export function anfrageProtokoll(log: Logger) {
  // Process prefix + counter: unique, and far cheaper per request than a UUID and a child logger.
  const praefix = randomBytes(4).toString('hex');
  let zaehler = 0;
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const anfrageId = c.req.header('x-request-id')?.slice(0, 64) ?? `${praefix}-${(++zaehler).toString(36)}`;
    const start = performance.now();
    c.set('anfrageId', anfrageId);
    c.set('log', log);
    c.get('koepfe')['X-Request-Id'] = anfrageId;
    await next();
    log.info({
      anfrageId, methode: c.req.method, pfad: c.req.path, status: c.res.status,
      dauerMs: Math.round((performance.now() - start) * 10) / 10, benutzer: c.get('benutzer')?.name,
    }, 'anfrage');
  });
}
