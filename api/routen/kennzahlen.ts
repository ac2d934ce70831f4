import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  abweichungZeile,
  befundeZeile,
  fachcontrolling,
  finanzvolumenZeile,
  geschuetzteFachcontrollingZeile,
  jahresabrechnungBefundZeile,
  jahresabrechnungZeile,
  kontraktAbgleichZeile,
  personalPruefungZeile,
  umschichtungVorschlagZeile,
  VERBRAUCH_GRUPPEN,
  verbrauchZeile,
} from '../../warehouse/index.ts';
import { bereichsantwort } from '../ausgabe/bereichsantwort.ts';
import { Antwortspeicher } from '../ausgabe/speicher.ts';
import { ARROW, tabellenInhalt } from '../ausgabe/tabelle.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { bereich, darfSozialraum, eigenerTraeger, exakteFallzahlen } from '../zugang/bereich.ts';
import type { Benutzer } from '../../warehouse/index.ts';
import { validierungsHaken } from '../validierung.ts';
import { benannt, fehlerSchema, jahr, sozialraumCode, sozialraumOderGesamt } from './schemas.ts';

// The rows are the warehouse's figure schemas (warehouse/abfragen/<name>.ts); here they get their names in OpenAPI.
const finanzvolumen = benannt('Finanzvolumen', finanzvolumenZeile);
const verbrauch = benannt('Verbrauch', verbrauchZeile);
const abweichung = benannt('Abweichung', abweichungZeile);
const kontraktabgleich = benannt('Kontraktabgleich', kontraktAbgleichZeile);
const jahresabrechnung = benannt('Jahresabrechnung', jahresabrechnungZeile);
const abrechnungsbefund = benannt('Abrechnungsbefund', jahresabrechnungBefundZeile);
const offenerPunkt = benannt('OffenerPunkt', befundeZeile);
const vorschlag = benannt('Umschichtungsvorschlag', umschichtungVorschlagZeile);
const fachcontrollingZeile = benannt('Fachcontrolling', geschuetzteFachcontrollingZeile);
const personalpruefung = benannt('Personalpruefung', personalPruefungZeile);

// Declared as JSON, so that the typed client (hono/client) knows the rows; CSV and Arrow come by
// Accept header from the same route, as the description says.
const jsonInhalt = <T extends z.ZodTypeAny>(zeile: T) => ({
  'application/json': { schema: z.object({ zeilen: z.array(zeile) }) },
});

const antworten = <T extends z.ZodTypeAny>(zeile: T) => ({
  200: {
    description: `Zeilen im Zugriffsbereich des Benutzers: JSON, mit "Accept: text/csv" CSV (Semikolon, Dezimalkomma) oder mit "Accept: ${ARROW}" Apache Arrow (Beträge als Decimal128, exakt; Jahre und Monate Int32, Daten Date32)`,
    content: jsonInhalt(zeile),
  },
  304: { description: 'Unverändert seit dem letzten Abruf (ETag / Last-Modified)' },
  400: { description: 'Ungültige Parameter', content: { 'application/json': { schema: fehlerSchema } } },
  403: { description: 'Kein Zugriff auf diesen Sozialraum', content: { 'application/json': { schema: fehlerSchema } } },
});

const routen = {
  finanzvolumen: createRoute({
    method: 'get',
    path: '/finanzvolumen',
    tags: ['Kennzahlen'],
    summary: 'Finanzvolumen je Sozialraum und Jahr',
    request: { query: z.object({ jahr: jahr.optional() }) },
    responses: antworten(finanzvolumen),
  }),
  verbrauch: createRoute({
    method: 'get',
    path: '/verbrauch',
    tags: ['Kennzahlen'],
    summary: 'Verbrauch bis Monat, gruppiert',
    request: {
      query: z.object({
        jahr,
        bis: z.coerce.number().int().min(1).max(12).default(12),
        sozialraum: sozialraumCode.optional(),
        gruppe: z
          .string()
          .default('monat,topf')
          .openapi({ description: `Komma-Liste aus ${VERBRAUCH_GRUPPEN.join(', ')}` }),
      }),
    },
    responses: antworten(verbrauch),
  }),
  abweichung: createRoute({
    method: 'get',
    path: '/abweichung',
    tags: ['Kennzahlen'],
    summary: 'Abweichung zum Quartalsende je Sozialraum und Topf',
    request: {
      query: z.object({ jahr, quartal: z.coerce.number().int().min(1).max(4), sozialraum: sozialraumCode.optional() }),
    },
    responses: antworten(abweichung),
  }),
  abgleich: createRoute({
    method: 'get',
    path: '/kontrakte/abgleich',
    tags: ['Kennzahlen'],
    summary: 'Kontraktabgleich Jugendamt – Träger',
    responses: antworten(kontraktabgleich),
  }),
  jahresabrechnung: createRoute({
    method: 'get',
    path: '/jahresabrechnung',
    tags: ['Jahresabrechnung'],
    summary: 'Spitzabrechnung des personalisierten Finanzvolumens je Sozialraum und Träger',
    request: { query: z.object({ jahr }) },
    responses: antworten(jahresabrechnung),
  }),
  befunde: createRoute({
    method: 'get',
    path: '/jahresabrechnung/befunde',
    tags: ['Jahresabrechnung'],
    summary: 'Was einer sauberen Spitzabrechnung im Weg steht',
    request: { query: z.object({ jahr }) },
    responses: antworten(abrechnungsbefund),
  }),
  offen: createRoute({
    method: 'get',
    path: '/befunde',
    tags: ['Kennzahlen'],
    summary: 'Offene Punkte: Kontrakte, Personal, Abrechnung, Zeichnung, Buchungen ohne Budget, je mit Maßnahme',
    request: { query: z.object({ jahr: jahr.optional() }) },
    responses: antworten(offenerPunkt),
  }),
  vorschlag: createRoute({
    method: 'get',
    path: '/umschichtungen/vorschlag',
    tags: ['Umschichtungen'],
    summary: 'Umschichtungsvorschläge: freie Mittel zum Quartalsende',
    request: { query: z.object({ jahr }) },
    responses: antworten(vorschlag),
  }),
  fachcontrolling: createRoute({
    method: 'get',
    path: '/fachcontrolling',
    tags: ['Kennzahlen'],
    summary:
      'Fachcontrolling und Wirkungskontrolle je Sozialraum und Hilfeart (Jahr oder Quartal); kleine Fallzahlen verdeckt außer für jugendamt_controller',
    request: {
      query: z.object({
        jahr,
        quartal: z.coerce.number().int().min(1).max(4).optional(),
        sozialraum: sozialraumOderGesamt.optional(),
      }),
    },
    responses: {
      ...antworten(fachcontrollingZeile),
      200: {
        description: `Zeilen im Zugriffsbereich; hinweis: was verdeckt ist (Schutz kleiner Fallzahlen). CSV: „<3“ in verdeckten Zellen, Kopf X-Kleinzahlschutz; Arrow (${ARROW}): verdeckte Zellen leer, in der Spalte unterdrueckt genannt`,
        content: {
          'application/json': {
            schema: z.object({ zeilen: z.array(fachcontrollingZeile), hinweis: z.string().nullable() }),
          },
        },
      },
    },
  }),
  pruefung: createRoute({
    method: 'get',
    path: '/personal/pruefung',
    tags: ['Kennzahlen'],
    summary: 'Prüfung der Personalregeln der Sozialraumteams',
    request: { query: z.object({ jahr: jahr.optional() }) },
    responses: antworten(personalpruefung),
  }),
};

function pruefeSozialraum(b: Benutzer, sozialraum: string | undefined): void {
  if (sozialraum && !darfSozialraum(b, sozialraum)) {
    throw new ApiFehler(
      'kein_zugriff',
      `Kein Zugriff auf den Sozialraum ${sozialraum}: freigegeben sind ${b.sozialraeume.join(', ')}.`,
    );
  }
}

export function kennzahlRouten(d: Dienste) {
  const antworte = bereichsantwort(d);
  const fachSpeicher = new Antwortspeicher(d);
  const router = new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken });
  for (const r of Object.values(routen))
    router.use(r.path, r === routen.fachcontrolling ? fachSpeicher.vorab : antworte.vorab);
  return router
    .openapi(routen.finanzvolumen, (c) =>
      antworte(c, 'finanzvolumen', 'finanzvolumen', { jahr: c.req.valid('query').jahr ?? null }),
    )
    .openapi(routen.verbrauch, (c) => {
      const q = c.req.valid('query');
      pruefeSozialraum(c.get('benutzer'), q.sozialraum);
      const gruppe = q.gruppe
        .split(',')
        .map((g) => g.trim())
        .filter(Boolean);
      const falsch = gruppe.filter((g) => !(VERBRAUCH_GRUPPEN as readonly string[]).includes(g));
      if (gruppe.length === 0 || falsch.length > 0) {
        throw new ApiFehler(
          'eingabe_ungueltig',
          `Ungültige Gruppierung ${falsch.join(', ')}: erlaubt sind ${VERBRAUCH_GRUPPEN.join(', ')}.`,
        );
      }
      return antworte(
        c,
        'verbrauch',
        'verbrauch',
        { jahr: q.jahr, bis: q.bis, sozialraum: q.sozialraum ?? null },
        { gruppe: [...new Set(gruppe)].join(', ') },
      );
    })
    .openapi(routen.abweichung, (c) => {
      const q = c.req.valid('query');
      pruefeSozialraum(c.get('benutzer'), q.sozialraum);
      return antworte(c, 'abweichung', 'abweichung', {
        jahr: q.jahr,
        quartal: q.quartal,
        sozialraum: q.sozialraum ?? null,
      });
    })
    .openapi(routen.abgleich, (c) => antworte(c, 'kontrakt_abgleich', 'kontrakt_abgleich', {}))
    .openapi(routen.jahresabrechnung, (c) =>
      antworte(c, 'jahresabrechnung', 'jahresabrechnung', { jahr: c.req.valid('query').jahr }),
    )
    .openapi(routen.befunde, (c) =>
      antworte(c, 'jahresabrechnung_befund', 'jahresabrechnung_befund', { jahr: c.req.valid('query').jahr }),
    )
    .openapi(routen.offen, (c) => antworte(c, 'befunde', 'befunde', { jahr: c.req.valid('query').jahr ?? null }))
    .openapi(routen.vorschlag, (c) =>
      antworte(c, 'umschichtung_vorschlag', 'umschichtung_vorschlag', { jahr: c.req.valid('query').jahr }),
    )
    .openapi(routen.fachcontrolling, async (c) => {
      const q = c.req.valid('query');
      const b = c.get('benutzer');
      pruefeSozialraum(b, q.sozialraum);
      return await fachSpeicher.antworte(c, async () => {
        const t = await fachcontrolling(
          d.leser,
          { jahr: q.jahr, quartal: q.quartal ?? null, sozialraum: q.sozialraum ?? null },
          bereich(b, 'fachcontrolling'),
          exakteFallzahlen(b),
          eigenerTraeger(b),
        );
        const inhalt = tabellenInhalt(t, c.req.header('accept'));
        return typeof inhalt.body === 'string' && inhalt.typ.startsWith('application/json')
          ? { ...inhalt, body: JSON.stringify({ zeilen: t.zeilen, hinweis: t.hinweis }) }
          : inhalt;
      });
    })
    .openapi(routen.pruefung, (c) =>
      antworte(c, 'personal_pruefung', 'personal_pruefung', { jahr: c.req.valid('query').jahr ?? null }),
    );
}
