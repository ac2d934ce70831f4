import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { erstelleApiSchluessel, listeApiSchluessel, widerrufeApiSchluessel } from '../../warehouse/index.ts';
import { validierungsHaken } from '../validierung.ts';
import { fehlerSchema, jsonKoerper } from './schemas.ts';

const schluesselZeile = z
  .object({
    schluesselId: z.string(),
    benutzer: z.string(),
    name: z.string(),
    gueltigBis: z.string(),
    angelegt: z.string(),
    widerrufen: z.string().nullable(),
  })
  .openapi('ApiSchluessel');

const anlegen = createRoute({
  method: 'post',
  path: '/schluessel',
  tags: ['API-Schlüssel'],
  summary: 'Lesenden API-Schlüssel anlegen (für Power Query, Power BI)',
  description:
    'Der Schlüssel liest (GET) mit den Rechten des eigenen Zugangs, bis er abläuft oder widerrufen wird. Er wird nur dieses eine Mal gezeigt; ' +
    'gespeichert wird nur ein Hash. In Power Query: Aus dem Web, Standard, Benutzername = eigener Benutzername, Kennwort = Schlüssel.',
  request: jsonKoerper(
    z.object({ name: z.string().min(1).max(100), gueltigTage: z.number().int().min(1).max(366).default(90) }),
  ),
  responses: {
    201: {
      description: 'Der Schlüssel (nur jetzt sichtbar)',
      content: {
        'application/json': {
          schema: z.object({
            schluessel: z.string(),
            schluesselId: z.string(),
            name: z.string(),
            gueltigBis: z.string(),
          }),
        },
      },
    },
    400: { description: 'Ungültige Angaben', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

const liste = createRoute({
  method: 'get',
  path: '/schluessel',
  tags: ['API-Schlüssel'],
  summary: 'Eigene API-Schlüssel (ohne Geheimnis); Administratoren sehen die aller Zugänge',
  responses: {
    200: {
      description: 'Schlüssel des Zugangs',
      content: { 'application/json': { schema: z.object({ schluessel: z.array(schluesselZeile) }) } },
    },
  },
});

const widerrufen = createRoute({
  method: 'delete',
  path: '/schluessel/{id}',
  tags: ['API-Schlüssel'],
  summary: 'Eigenen API-Schlüssel widerrufen; Administratoren jeden (etwa einen verlorenen eines Kollegen)',
  request: { params: z.object({ id: z.string().max(40) }) },
  responses: {
    204: { description: 'Widerrufen (wirkt spätestens nach 30 Sekunden)' },
    404: {
      description: 'Kein gültiger Schlüssel dieses Zugangs',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

export function schluesselRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken })
    .openapi(anlegen, async (c) => {
      const { name, gueltigTage } = c.req.valid('json');
      const neu = await erstelleApiSchluessel(d.schreiber, c.get('benutzer').name, name, gueltigTage);
      return c.json(neu, 201);
    })
    .openapi(liste, async (c) => {
      const b = c.get('benutzer');
      return c.json({ schluessel: await listeApiSchluessel(d.leser, b.rolle === 'admin' ? null : b.name) }, 200);
    })
    .openapi(widerrufen, async (c) => {
      const b = c.get('benutzer');
      await widerrufeApiSchluessel(d.schreiber, c.req.valid('param').id, b.name, b.rolle === 'admin');
      return c.body(null, 204);
    });
}
