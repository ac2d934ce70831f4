import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { lesePrognosemonate } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { darfSozialraum } from '../zugang/bereich.ts';
import { validierungsHaken } from '../validierung.ts';
import { betrag, fehlerSchema, jahr, sozialraumCode } from './schemas.ts';

const version = z.object({
  version_id: z.number(), basis_version: z.number().nullable(), autor: z.string(), organisation: z.string(), zeitpunkt: z.string(), kommentar: z.string().nullable(),
});
const monat = z.object({
  topf: z.string(), monat: z.number(),
  ist: betrag.nullable().openapi({ description: 'Ist-Verbrauch (nur Monate bis letzterIstMonat)' }),
  automatisch: betrag.nullable().openapi({ description: 'Automatische Projektion (nur offene Monate): saisonal nach den Vorjahren, sonst linear' }),
  prognose: betrag.nullable().openapi({ description: 'Zuletzt zurückgeschriebener Wert (nur offene Monate)' }),
  soll: betrag.nullable().openapi({ description: 'Anteiliges Budget des Monats, phasiert wie soll_bis_stichtag der Abweichung' }),
  phasierung: z.enum(['linear', 'profil']).nullable().openapi({ description: 'linear (1/12 je Monat) oder das gespeicherte Phasierungsprofil' }),
});

const route = createRoute({
  method: 'get', path: '/prognosen/blatt', tags: ['Prognosen'], summary: 'Prognoseblatt: Ist, automatische Projektion und Prognose je Topf und Monat',
  request: { query: z.object({ jahr, sozialraum: sozialraumCode }) },
  responses: {
    200: {
      description: 'Ein Eintrag je Topf und Monat, dazu die Version, auf der das Blatt beruht',
      content: { 'application/json': { schema: z.object({ jahr: z.number(), sozialraum: z.string(), letzterIstMonat: z.number(), version: version.nullable(), monate: z.array(monat) }).openapi('Prognoseblatt') } },
    },
    403: { description: 'Kein Zugriff', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

export function prognoseblattRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken }).openapi(route, async (c) => {
    const q = c.req.valid('query');
    if (!darfSozialraum(c.get('benutzer'), q.sozialraum)) throw new ApiFehler('kein_zugriff', `Kein Zugriff auf den Sozialraum ${q.sozialraum}.`);
    const { jahr: j, sozialraum, letzterIstMonat, version: v, monate } = await lesePrognosemonate(d.leser, q.jahr, q.sozialraum);
    return c.json({ jahr: j, sozialraum, letzterIstMonat, version: v, monate }, 200);
  });
}
