import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import pino, { type Logger } from 'pino';
import type { ApiUmgebung } from '../kontext.ts';
import { kopf } from '../kopf.ts';

/**
 * One log line per request: id, method, path (no query: it may carry a token), status, duration, user.
 * No payloads. The line is pino's own format (level, time as the logger makes it, msg "anfrage"),
 * written straight to the logger's destination: pino's generic serialiser for these six fields was a
 * fifth of the cost of a cached figure request.
 */
export function anfrageProtokoll(log: Logger) {
  // Process prefix + counter: unique, and far cheaper per request than a UUID and a child logger.
  const praefix = randomBytes(4).toString('hex');
  let zaehler = 0;
  const aktiv = log.isLevelEnabled('info');
  const ziel = schreibziel(Reflect.get(log, pino.symbols.streamSym));
  const zeit = zeitgeber(Reflect.get(log, pino.symbols.timeSym));
  return createMiddleware<ApiUmgebung>(async (c, next) => {
    const anfrageId = kopf(c, 'x-request-id')?.slice(0, 64) ?? `${praefix}-${(++zaehler).toString(36)}`;
    const start = performance.now();
    c.set('anfrageId', anfrageId);
    c.set('log', log);
    c.get('koepfe')['X-Request-Id'] = anfrageId;
    await next();
    if (!aktiv) return;
    const benutzer = c.get('benutzer')?.name;
    ziel.write(
      `{"level":30${zeit()},"anfrageId":${JSON.stringify(anfrageId)},"methode":"${c.req.method}","pfad":${JSON.stringify(c.req.path)},` +
        `"status":${c.res.status},"dauerMs":${Math.round((performance.now() - start) * 10) / 10}` +
        `${benutzer === undefined ? '' : `,"benutzer":${JSON.stringify(benutzer)}`},"msg":"anfrage"}\n`,
    );
  });
}

// pino keeps its destination and time function under the symbols it exports for this (pino.symbols); its
// Logger type does not declare them, so they are checked here once instead of claimed.
function schreibziel(x: unknown): { write(zeile: string): void } {
  if (typeof x === 'object' && x !== null && 'write' in x && typeof x.write === 'function')
    return { write: x.write.bind(x) };
  throw new Error('pino: kein Schreibziel unter pino.symbols.streamSym');
}

function zeitgeber(x: unknown): () => string {
  if (typeof x === 'function') return () => String(x());
  throw new Error('pino: keine Zeitfunktion unter pino.symbols.timeSym');
}
