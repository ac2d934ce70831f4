import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { lesePrognosemonate, prognoseblatt } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { darfSozialraum } from '../zugang/bereich.ts';
import { validierungsHaken } from '../validierung.ts';
import { benannt, fehlerSchema, jahr, sozialraumCode } from './schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/prognosen/blatt',
  tags: ['Prognosen'],
  summary: 'Prognoseblatt: Ist, automatische Projektion und Prognose je Topf und Monat',
  request: { query: z.object({ jahr, sozialraum: sozialraumCode }) },
  responses: {
    200: {
      description: 'Ein Eintrag je Topf und Monat, dazu die Version, auf der das Blatt beruht',
      content: {
        'application/json': { schema: benannt('Prognoseblatt', prognoseblatt.omit({ werte: true, versionen: true })) },
      },
    },
    403: { description: 'Kein Zugriff', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

export function prognoseblattRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken }).openapi(route, async (c) => {
    const q = c.req.valid('query');
    if (!darfSozialraum(c.get('benutzer'), q.sozialraum))
      throw new ApiFehler('kein_zugriff', `Kein Zugriff auf den Sozialraum ${q.sozialraum}.`);
    const {
      jahr: j,
      sozialraum,
      letzterIstMonat,
      version: v,
      monate,
    } = await lesePrognosemonate(d.leser, q.jahr, q.sozialraum);
    return c.json({ jahr: j, sozialraum, letzterIstMonat, version: v, monate }, 200);
  });
}
