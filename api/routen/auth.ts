import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { Anmeldebremse } from '../middleware/anmeldebremse.ts';
import { GebremsteAnmeldungen, protokolliereFenster } from '../middleware/gebremste-anmeldungen.ts';
import { findeBenutzer, protokolliere } from '../../warehouse/index.ts';
import { pruefePasswort } from '../../warehouse/index.ts';
import { stelleTokenAus } from '../zugang/token.ts';
import { adresseDerAnfrage } from '../kopf.ts';
import { validierungsHaken } from '../validierung.ts';
import { fehlerSchema } from './schemas.ts';

const tokenRoute = createRoute({
  method: 'post',
  path: '/auth/token',
  tags: ['Anmeldung'],
  summary: 'Anmelden: Token für die API holen',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z.object({ benutzer: z.string().min(1).max(64), passwort: z.string().min(1).max(256) }),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'Token (8 Stunden gültig)',
      content: {
        'application/json': {
          schema: z.object({
            token: z.string(),
            gueltigBis: z.string(),
            rolle: z.string(),
            sozialraeume: z.array(z.string()),
            traeger: z.string().nullable(),
          }),
        },
      },
    },
    401: { description: 'Benutzer oder Passwort falsch', content: { 'application/json': { schema: fehlerSchema } } },
    429: { description: 'Zu viele Fehlversuche', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

export function authRouten(d: Dienste) {
  const bremse = new Anmeldebremse();
  const gebremst = new GebremsteAnmeldungen();
  const schreibe = protokolliereFenster(d, gebremst);
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken }).openapi(tokenRoute, async (c) => {
    const { benutzer, passwort } = c.req.valid('json');
    const adresse = adresseDerAnfrage(c);
    const grenze = bremse.grenze(benutzer, adresse);
    if (grenze) {
      await schreibe(gebremst.gebremst(grenze.schluessel, benutzer, adresse));
      throw grenze.fehler;
    }
    const b = await findeBenutzer(d.leser, benutzer);
    const richtig = await pruefePasswort(passwort, b?.passwortHash);
    if (!b || !richtig || !b.aktiv) {
      bremse.fehlschlag(benutzer, adresse);
      // Who tried (the name as typed), from where; the time is the audit row's own.
      await protokolliere(d.schreiber, {
        benutzer,
        aktion: 'anmeldung_fehlgeschlagen',
        objekt: adresse,
        details: !b ? 'unbekannter Benutzer' : !b.aktiv ? 'Zugang gesperrt' : 'Passwort falsch',
      });
      throw new ApiFehler(
        'anmeldung_fehlgeschlagen',
        'Benutzername oder Passwort ist falsch, oder der Zugang ist gesperrt.',
      );
    }
    bremse.erfolg(benutzer, adresse);
    const { token, gueltigBis } = await stelleTokenAus(b, d.schluessel);
    return c.json({ token, gueltigBis, rolle: b.rolle, sozialraeume: b.sozialraeume, traeger: b.traeger }, 200);
  });
}
