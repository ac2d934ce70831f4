import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { FUNKTIONEN, werteAus } from '../formeln/index.ts';
import type { Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { validierungsHaken } from '../validierung.ts';
import { fehlerSchema, jsonKoerper } from './schemas.ts';

const ergebnis = z
  .union([
    z.object({ wert: z.number() }),
    z.object({
      fehler: z
        .enum(['wert', 'nv'])
        .openapi({ description: 'wert: #WERT! (ungültige Argumente), nv: #NV (kein Zugriff, keine Daten)' }),
      meldung: z.string(),
    }),
  ])
  .openapi('Formelergebnis');

const route = createRoute({
  method: 'post',
  path: '/formeln',
  tags: ['Excel'],
  summary: 'Viele SRB.*-Zellformeln in einer Anfrage auswerten',
  description:
    'Alle Aufrufe einer Neuberechnung in Excel als eine Anfrage. Das ETag hängt nur am Stand des Warehouse: ' +
    'mit If-None-Match kommt 304, solange sich seit der letzten Antwort nichts geändert hat.',
  request: jsonKoerper(
    z.object({
      aufrufe: z
        .array(
          z.object({
            funktion: z.enum(FUNKTIONEN),
            argumente: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).max(4),
          }),
        )
        .min(1)
        .max(5000),
    }),
  ),
  responses: {
    200: {
      description: 'Ein Ergebnis je Aufruf, in derselben Reihenfolge',
      content: { 'application/json': { schema: z.object({ ergebnisse: z.array(ergebnis) }) } },
    },
    304: { description: 'Seit dem ETag hat sich nichts geändert' },
    400: { description: 'Ungültige Anfrage', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

export function formelRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken }).openapi(route, async (c) => {
    const etag = `W/"${d.start}.${d.tagesstand}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag });
    const ergebnisse = await werteAus(d, c.get('benutzer'), c.req.valid('json').aufrufe);
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    return c.json({ ergebnisse }, 200);
  });
}
