import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  lesePrognose,
  prognose as prognoseSchema,
  PrognoseKonflikt,
  prognoseversion,
  schreibePrognose,
} from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { nurRollen } from '../middleware/anmeldung.ts';
import { darfSozialraum } from '../zugang/bereich.ts';
import type { Benutzer } from '../../warehouse/index.ts';
import { validierungsHaken } from '../validierung.ts';
import { benannt, fehlerSchema, jahr, sozialraumCode } from './schemas.ts';

// The forecast as the warehouse declares it (warehouse/prognose); here its parts get their names in OpenAPI.
const version = benannt('Prognoseversion', prognoseversion);
const prognose = benannt(
  'Prognose',
  prognoseSchema.extend({ version: version.nullable(), versionen: z.array(version) }),
);

const lesen = createRoute({
  method: 'get',
  path: '/prognosen',
  tags: ['Prognosen'],
  summary: 'Aktuelle Prognose eines Sozialraums und Jahres mit allen Versionen',
  request: { query: z.object({ jahr, sozialraum: sozialraumCode }) },
  responses: {
    200: {
      description: 'Neueste Version, ihre Werte und die Versionsgeschichte',
      content: { 'application/json': { schema: prognose } },
    },
    403: { description: 'Kein Zugriff', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

const schreiben = createRoute({
  method: 'post',
  path: '/prognosen',
  tags: ['Prognosen'],
  summary: 'Prognose zurückschreiben (neue Version)',
  middleware: [nurRollen('jugendamt_controller', 'traeger_controller')] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            jahr: z.number().int().min(2000).max(2100),
            sozialraum: sozialraumCode,
            basisVersion: z
              .number()
              .int()
              .nullable()
              .openapi({ description: 'Version, auf der die Änderung beruht (null: es gab noch keine)' }),
            kommentar: z.string().min(1).max(2000),
            werte: z
              .array(
                z.object({
                  topf: z.string(),
                  monat: z.number().int(),
                  betrag: z
                    .union([z.string(), z.number()])
                    .transform(String)
                    .openapi({ description: 'Betrag in EUR, am besten als Text "1234.56"' }),
                }),
              )
              .min(1)
              .max(400),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Neue Version gespeichert',
      content: { 'application/json': { schema: z.object({ version: z.number() }) } },
    },
    403: {
      description: 'Sozialraum oder Rolle nicht freigegeben',
      content: { 'application/json': { schema: fehlerSchema } },
    },
    409: {
      description: 'Inzwischen hat jemand anderes eine neuere Version geschrieben',
      content: { 'application/json': { schema: fehlerSchema } },
    },
    422: {
      description: 'Ungültige Zellen (Topf, Monat mit Ist-Werten, Betrag); nichts gespeichert',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

function pruefe(b: Benutzer, sozialraum: string): void {
  if (!darfSozialraum(b, sozialraum))
    throw new ApiFehler('kein_zugriff', `Kein Zugriff auf den Sozialraum ${sozialraum}.`);
}

export function prognoseRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken })
    .openapi(lesen, async (c) => {
      const q = c.req.valid('query');
      pruefe(c.get('benutzer'), q.sozialraum);
      return c.json(await lesePrognose(d.leser, q.jahr, q.sozialraum), 200);
    })
    .openapi(schreiben, async (c) => {
      const p = c.req.valid('json');
      const b = c.get('benutzer');
      pruefe(b, p.sozialraum);
      try {
        const ergebnis = await schreibePrognose(d.schreiber, {
          ...p,
          autor: b.name,
          organisation: b.traeger ? `traeger:${b.traeger}` : 'jugendamt',
        });
        await d.geaendert('prognose', { jahr: p.jahr, sozialraum: p.sozialraum, version: ergebnis.version });
        return c.json(ergebnis, 201);
      } catch (e) {
        if (e instanceof PrognoseKonflikt) {
          throw new ApiFehler(
            'konflikt',
            `${e.message} Bitte neu laden und die Änderung darauf anwenden, oder bewusst auf Basis von Version ${e.aktuell.version_id} überschreiben.`,
            { aktuelleVersion: e.aktuell, geaenderteZellen: e.geaenderteZellen },
          );
        }
        throw e;
      }
    });
}
