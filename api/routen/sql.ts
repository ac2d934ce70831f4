import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { adhocAbfrage, WarehouseFehler, protokolliere } from '../../warehouse/index.ts';
import { sendeTabelle } from '../ausgabe/tabelle.ts';
import type { Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { nurRollen } from '../middleware/anmeldung.ts';
import { bereiche, eigenerTraeger, exakteFallzahlen, SICHTEN } from '../zugang/bereich.ts';
import { validierungsHaken } from '../validierung.ts';
import { fehlerSchema } from './schemas.ts';

const route = createRoute({
  method: 'post',
  path: '/sql',
  tags: ['Analyse'],
  summary: 'Lesende Ad-hoc-Abfrage über die dokumentierten Sichten',
  description:
    `Eine SELECT-Abfrage über ${SICHTEN.join(', ')} und die Dimensionen sozialraum, gemeinde, hilfeart, topf, segment. ` +
    'Die Sichten zeigen nur den Zugriffsbereich des Benutzers. Keine Dateien, kein ATTACH, keine Erweiterungen, keine Einstellungen; ' +
    'höchstens 100.000 Zeilen und 30 Sekunden; höchstens zwei Abfragen zugleich, weitere warten kurz (sonst 503: bitte warten). ' +
    'Jede Abfrage wird protokolliert, abgelehnte mit dem Grund.',
  middleware: [nurRollen('analyst', 'jugendamt_controller', 'traeger_controller', 'asd', 'admin')] as const,
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ sql: z.string().min(1).max(20000) }) } },
    },
  },
  responses: {
    200: {
      description: 'Ergebnis (JSON, CSV oder Arrow nach Accept)',
      content: { 'application/json': { schema: z.object({ zeilen: z.array(z.record(z.string(), z.unknown())) }) } },
    },
    400: { description: 'Fehlerhafte Abfrage', content: { 'application/json': { schema: fehlerSchema } } },
    403: { description: 'Nicht erlaubte Abfrage', content: { 'application/json': { schema: fehlerSchema } } },
    408: { description: 'Zeitgrenze überschritten', content: { 'application/json': { schema: fehlerSchema } } },
    503: {
      description: 'Zu viele Ad-hoc-Abfragen zugleich: bitte warten',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

export function sqlRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken }).openapi(route, async (c) => {
    const { sql } = c.req.valid('json');
    const b = c.get('benutzer');
    await protokolliere(d.schreiber, { benutzer: b.name, aktion: 'sql', objekt: null, details: sql });
    let e;
    try {
      e = await adhocAbfrage(d.leser, sql, bereiche(b), {
        zeilen: 100_000,
        sekunden: 30,
        spur: d.adhocSpur,
        abbruch: c.req.raw.signal,
        exakteFallzahlen: exakteFallzahlen(b),
        eigenerTraeger: eigenerTraeger(b),
      });
    } catch (fehler) {
      if (fehler instanceof WarehouseFehler)
        await protokolliere(d.schreiber, {
          benutzer: b.name,
          aktion: 'sql_abgelehnt',
          objekt: fehler.code,
          details: fehler.message,
        });
      throw fehler;
    }
    return sendeTabelle(
      c,
      { spalten: e.spalten, zahlen: e.zahlenspalten, typen: e.typen, zeilen: e.zeilen },
      {
        'X-Abgeschnitten': String(e.abgeschnitten),
        ...(e.hinweis ? { 'X-Kleinzahlschutz': encodeURIComponent(e.hinweis) } : {}),
      },
    ) as never;
  });
}
