import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { schreibeUmschichtung, UMSCHICHTUNG_TOEPFE, umschichtungenZeile } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { nurRollen } from '../middleware/anmeldung.ts';
import { darfSozialraum } from '../zugang/bereich.ts';
import { validierungsHaken } from '../validierung.ts';
import { bereichsantwort } from '../ausgabe/bereichsantwort.ts';
import { benannt, fehlerSchema, jahr, jsonKoerper, sozialraumCode } from './schemas.ts';

const umschichtungZeile = benannt('Umschichtung', umschichtungenZeile);

const liste = createRoute({
  method: 'get',
  path: '/umschichtungen',
  tags: ['Umschichtungen'],
  summary: 'Erfasste Umschichtungen in die Prävention',
  request: { query: z.object({ jahr: jahr.optional() }) },
  responses: {
    200: {
      description: 'Umschichtungen im Zugriffsbereich, älteste zuerst; JSON, CSV oder Arrow nach Accept',
      content: { 'application/json': { schema: z.object({ zeilen: z.array(umschichtungZeile) }) } },
    },
    304: { description: 'Unverändert seit dem letzten Abruf' },
  },
});

const erfassen = createRoute({
  method: 'post',
  path: '/umschichtungen',
  tags: ['Umschichtungen'],
  summary: 'Beschluss einer Umschichtung in die Prävention erfassen',
  description:
    'Nur für Controller des Jugendamts. Einträge werden nie geändert oder gelöscht; eine Rücknahme ist ein neuer Eintrag mit negativem Betrag.',
  middleware: [nurRollen('jugendamt_controller')] as const,
  request: jsonKoerper(
    z.object({
      jahr: z.number().int().min(2000).max(2100),
      sozialraum: sozialraumCode,
      topf: z.enum(UMSCHICHTUNG_TOEPFE).openapi({ description: 'Topf, aus dem das Geld kommt' }),
      betrag: z
        .union([z.string(), z.number()])
        .transform(String)
        .openapi({ description: 'EUR als Text "25000.00"; negativ: Rücknahme' }),
      gremium: z.string().min(1).max(200).openapi({ example: 'Lenkungsgruppe' }),
      beschlussdatum: z.string().openapi({ example: '2026-10-15' }),
      kommentar: z.string().max(2000).nullable().default(null),
      ueberschreitung_begruendung: z
        .string()
        .max(2000)
        .nullable()
        .default(null)
        .openapi({ description: 'Pflicht, wenn der Betrag über dem aktuellen Umschichtungsvorschlag liegt' }),
    }),
  ),
  responses: {
    201: {
      description: 'Gespeichert und protokolliert',
      content: { 'application/json': { schema: z.object({ umschichtung_id: z.number() }) } },
    },
    403: {
      description: 'Rolle oder Sozialraum nicht freigegeben',
      content: { 'application/json': { schema: fehlerSchema } },
    },
    409: { description: 'Das Jahr ist abgeschlossen', content: { 'application/json': { schema: fehlerSchema } } },
    422: {
      description: 'Ungültig oder über dem Vorschlag ohne Begründung; nichts gespeichert',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

export function umschichtungRouten(d: Dienste) {
  const antworte = bereichsantwort(d);
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken })
    .openapi(liste, (c) => antworte(c, 'umschichtung', 'umschichtungen', { jahr: c.req.valid('query').jahr ?? null }))
    .openapi(erfassen, async (c) => {
      const u = c.req.valid('json');
      const b = c.get('benutzer');
      if (!darfSozialraum(b, u.sozialraum))
        throw new ApiFehler('kein_zugriff', `Kein Zugriff auf den Sozialraum ${u.sozialraum}.`);
      const ergebnis = await schreibeUmschichtung(d.schreiber, { ...u, autor: b.name });
      await d.geaendert('umschichtung', {
        jahr: u.jahr,
        sozialraum: u.sozialraum,
        umschichtung_id: ergebnis.umschichtung_id,
      });
      return c.json(ergebnis, 201);
    });
}
