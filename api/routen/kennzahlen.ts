import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { fachcontrolling, VERBRAUCH_GRUPPEN } from '../../warehouse/index.ts';
import { bereichsantwort } from '../ausgabe/bereichsantwort.ts';
import { Antwortspeicher } from '../ausgabe/speicher.ts';
import { ARROW, tabellenInhalt } from '../ausgabe/tabelle.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { bereich, darfSozialraum, exakteFallzahlen } from '../zugang/bereich.ts';
import type { Benutzer } from '../../warehouse/index.ts';
import { validierungsHaken } from '../validierung.ts';
import { betrag, fehlerSchema, jahr, sozialraumCode } from './schemas.ts';

const finanzvolumenZeile = z.object({
  jahr: z.number(), sozialraum: z.string(), gesamtfinanzvolumen: betrag.nullable(), asd_finanzvolumen: betrag.nullable(),
  sozialraumfinanzvolumen: betrag.nullable(), personalisiertes_finanzvolumen: betrag.nullable(), variables_finanzvolumen: betrag.nullable(),
  praevention_mindestens: betrag.nullable(), fachleistungsstunde: betrag, planstellen: betrag.nullable(), kapazitaet_stunden: betrag.nullable(),
  stellenfaktor: betrag, bruttojahresarbeitszeit: betrag, fortgeschrieben: z.boolean(),
}).openapi('Finanzvolumen');

const abweichungZeile = z.object({
  jahr: z.number(), quartal: z.number(), stichtag: z.string(), sozialraum: z.string(), topf: z.string(),
  budget: betrag.nullable(), soll_bis_stichtag: betrag.nullable(), ist_bis_stichtag: betrag, prognose_rest: betrag.nullable(),
  davon_umschichtung: betrag.openapi({ description: 'Teil von prognose_rest, der aus beschlossenen Umschichtungen in die Prävention stammt' }),
  hochrechnung: betrag.nullable(), abweichung: betrag.nullable(), abweichung_prozent: betrag.nullable(),
  status: z.enum(['nicht_auskoemmlich', 'knapp', 'im_rahmen', 'freie_mittel']), prognose_methode: z.string(), prognose_version: z.number().nullable(),
  phasierung: z.enum(['linear', 'profil']).openapi({ description: 'Wie soll_bis_stichtag das Budget verteilt: linear (Monate / 12) oder nach dem gespeicherten Phasierungsprofil' }),
}).openapi('Abweichung');

const jahresabrechnungZeile = z.object({
  jahr: z.number(), sozialraum: z.string(), traeger: z.string().openapi({ description: 'Träger des Sozialraumteams, oder gesamt' }),
  stellenjahre: betrag, personalkosten_pauschal: betrag.nullable(), sachkosten_pauschal: betrag.nullable(), personalkosten_ist: betrag,
  differenz: betrag.nullable().openapi({ description: 'Ist − Pauschale: positiv Nachzahlung des Kreises, negativ Erstattung des Trägers' }),
  art: z.enum(['nachzahlung', 'erstattung', 'ausgeglichen']).nullable(),
}).openapi('Jahresabrechnung');

const befundZeile = z.object({
  jahr: z.number(), sozialraum: z.string(), traeger: z.string().nullable(), mitarbeiter: z.string().nullable(), regel: z.string(), befund: z.string(),
}).openapi('Abrechnungsbefund');

const offenerPunkt = z.object({
  thema: z.enum(['kontrakt', 'zeichnung', 'personal', 'abrechnung', 'buchung_ohne_budget']), regel: z.string(),
  jahr: z.number().nullable(), sozialraum: z.string(), traeger: z.string().nullable(),
  objekt: z.string().nullable().openapi({ description: 'Kontrakt oder Mitarbeiter-Pseudonym, um das es geht' }),
  befund: z.string(), massnahme: z.string().openapi({ description: 'Was zu tun ist, damit der Punkt sich erledigt' }),
}).openapi('OffenerPunkt');

const vorschlagZeile = z.object({
  jahr: z.number(), quartal: z.number(), sozialraum: z.string(), budget: betrag, hochrechnung: betrag, reserve: betrag, vorschlag: betrag,
}).openapi('Umschichtungsvorschlag');

// A count of cases, or „<3“ where the small-number protection hides it (docs/regeln.md §9).
const anzahl = z.union([z.number(), z.string()]).openapi({ description: 'Anzahl; „<3“ wo der Schutz kleiner Fallzahlen sie verdeckt (alle Rollen außer jugendamt_controller)' });
const kennzahl = betrag.nullable().openapi({ description: 'Exakte Dezimalzahl als Text; „<3“ wo sie aus einer verdeckten Anzahl folgt' });
const fachcontrollingZeile = z.object({
  jahr: z.number(), quartal: z.number().nullable().openapi({ description: 'leer: das Jahr (bis zum letzten beendeten Quartal)' }),
  von: z.string(), bis: z.string(), sozialraum: z.string().openapi({ description: 'Sozialraum oder gesamt (Landkreis)' }), hilfeart: z.string().openapi({ description: 'Hilfeart oder gesamt' }),
  faelle: anzahl, neue_hilfen: anzahl, beendete_hilfen: anzahl, laufende_hilfen: anzahl,
  hilfedauer_mittel_monate: kennzahl, hilfedauer_median_monate: kennzahl, stunden_je_fall: kennzahl, kosten_je_fall: kennzahl,
  anteil_fallspezifisch: kennzahl, anteil_fallbezogen: kennzahl, anteil_fallunspezifisch: kennzahl,
  einwohner_unter_21: z.number().nullable(), eckwert: kennzahl,
  beendet_planmaessig: anzahl, beendet_anderer_grund: anzahl, beendet_ohne_grund: anzahl, anteil_planmaessig: kennzahl,
  ziel_erreicht: anzahl, ziel_teilweise: anzahl, ziel_nicht_erreicht: anzahl, ziel_ohne_bewertung: anzahl,
  anteil_erreicht: kennzahl, anteil_teilweise: kennzahl, anteil_nicht_erreicht: kennzahl,
  wiederaufnahmen: anzahl, anteil_wiederaufnahme: kennzahl,
  unterdrueckt: z.string().optional().openapi({ description: 'Die verdeckten Spalten der Zeile (fehlt bei exakten Zahlen)' }),
}).openapi('Fachcontrolling');

const freieZeile = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

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
    method: 'get', path: '/finanzvolumen', tags: ['Kennzahlen'], summary: 'Finanzvolumen je Sozialraum und Jahr',
    request: { query: z.object({ jahr: jahr.optional() }) }, responses: antworten(finanzvolumenZeile),
  }),
  verbrauch: createRoute({
    method: 'get', path: '/verbrauch', tags: ['Kennzahlen'], summary: 'Verbrauch bis Monat, gruppiert',
    request: {
      query: z.object({
        jahr, bis: z.coerce.number().int().min(1).max(12).default(12), sozialraum: sozialraumCode.optional(),
        gruppe: z.string().default('monat,topf').openapi({ description: `Komma-Liste aus ${VERBRAUCH_GRUPPEN.join(', ')}` }),
      }),
    },
    responses: antworten(freieZeile),
  }),
  abweichung: createRoute({
    method: 'get', path: '/abweichung', tags: ['Kennzahlen'], summary: 'Abweichung zum Quartalsende je Sozialraum und Topf',
    request: { query: z.object({ jahr, quartal: z.coerce.number().int().min(1).max(4), sozialraum: sozialraumCode.optional() }) },
    responses: antworten(abweichungZeile),
  }),
  abgleich: createRoute({
    method: 'get', path: '/kontrakte/abgleich', tags: ['Kennzahlen'], summary: 'Kontraktabgleich Jugendamt – Träger',
    responses: antworten(freieZeile),
  }),
  jahresabrechnung: createRoute({
    method: 'get', path: '/jahresabrechnung', tags: ['Jahresabrechnung'], summary: 'Spitzabrechnung des personalisierten Finanzvolumens je Sozialraum und Träger',
    request: { query: z.object({ jahr }) }, responses: antworten(jahresabrechnungZeile),
  }),
  befunde: createRoute({
    method: 'get', path: '/jahresabrechnung/befunde', tags: ['Jahresabrechnung'], summary: 'Was einer sauberen Spitzabrechnung im Weg steht',
    request: { query: z.object({ jahr }) }, responses: antworten(befundZeile),
  }),
  offen: createRoute({
    method: 'get', path: '/befunde', tags: ['Kennzahlen'], summary: 'Offene Punkte: Kontrakte, Personal, Abrechnung, Zeichnung, Buchungen ohne Budget, je mit Maßnahme',
    request: { query: z.object({ jahr: jahr.optional() }) }, responses: antworten(offenerPunkt),
  }),
  vorschlag: createRoute({
    method: 'get', path: '/umschichtungen/vorschlag', tags: ['Umschichtungen'], summary: 'Umschichtungsvorschläge: freie Mittel zum Quartalsende',
    request: { query: z.object({ jahr }) }, responses: antworten(vorschlagZeile),
  }),
  fachcontrolling: createRoute({
    method: 'get', path: '/fachcontrolling', tags: ['Kennzahlen'],
    summary: 'Fachcontrolling und Wirkungskontrolle je Sozialraum und Hilfeart (Jahr oder Quartal); kleine Fallzahlen verdeckt außer für jugendamt_controller',
    request: { query: z.object({ jahr, quartal: z.coerce.number().int().min(1).max(4).optional(), sozialraum: sozialraumCode.optional() }) },
    responses: {
      ...antworten(fachcontrollingZeile),
      200: {
        description: `Zeilen im Zugriffsbereich; hinweis: was verdeckt ist (Schutz kleiner Fallzahlen). CSV: „<3“ in verdeckten Zellen, Kopf X-Kleinzahlschutz; Arrow (${ARROW}): verdeckte Zellen leer, in der Spalte unterdrueckt genannt`,
        content: { 'application/json': { schema: z.object({ zeilen: z.array(fachcontrollingZeile), hinweis: z.string().nullable() }) } },
      },
    },
  }),
  pruefung: createRoute({
    method: 'get', path: '/personal/pruefung', tags: ['Kennzahlen'], summary: 'Prüfung der Personalregeln der Sozialraumteams',
    request: { query: z.object({ jahr: jahr.optional() }) }, responses: antworten(freieZeile),
  }),
};

function pruefeSozialraum(b: Benutzer, sozialraum: string | undefined): void {
  if (sozialraum && !darfSozialraum(b, sozialraum)) {
    throw new ApiFehler('kein_zugriff', `Kein Zugriff auf den Sozialraum ${sozialraum}: freigegeben sind ${b.sozialraeume.join(', ')}.`);
  }
}

export function kennzahlRouten(d: Dienste) {
  const antworte = bereichsantwort(d);
  const fachSpeicher = new Antwortspeicher(d);
  const router = new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken });
  for (const r of Object.values(routen)) router.use(r.path, r === routen.fachcontrolling ? fachSpeicher.vorab : antworte.vorab);
  return router
    .openapi(routen.finanzvolumen, (c) => antworte(finanzvolumenZeile, c, 'finanzvolumen', 'finanzvolumen', { jahr: c.req.valid('query').jahr ?? null }))
    .openapi(routen.verbrauch, (c) => {
      const q = c.req.valid('query');
      pruefeSozialraum(c.get('benutzer'), q.sozialraum);
      const gruppe = q.gruppe.split(',').map((g) => g.trim()).filter(Boolean);
      const falsch = gruppe.filter((g) => !(VERBRAUCH_GRUPPEN as readonly string[]).includes(g));
      if (gruppe.length === 0 || falsch.length > 0) {
        throw new ApiFehler('eingabe_ungueltig', `Ungültige Gruppierung ${falsch.join(', ')}: erlaubt sind ${VERBRAUCH_GRUPPEN.join(', ')}.`);
      }
      return antworte(freieZeile, c, 'verbrauch', 'verbrauch', { jahr: q.jahr, bis: q.bis, sozialraum: q.sozialraum ?? null }, { gruppe: [...new Set(gruppe)].join(', ') });
    })
    .openapi(routen.abweichung, (c) => {
      const q = c.req.valid('query');
      pruefeSozialraum(c.get('benutzer'), q.sozialraum);
      return antworte(abweichungZeile, c, 'abweichung', 'abweichung', { jahr: q.jahr, quartal: q.quartal, sozialraum: q.sozialraum ?? null });
    })
    .openapi(routen.abgleich, (c) => antworte(freieZeile, c, 'kontrakt_abgleich', 'kontrakt_abgleich', {}))
    .openapi(routen.jahresabrechnung, (c) => antworte(jahresabrechnungZeile, c, 'jahresabrechnung', 'jahresabrechnung', { jahr: c.req.valid('query').jahr }))
    .openapi(routen.befunde, (c) => antworte(befundZeile, c, 'jahresabrechnung_befund', 'jahresabrechnung_befund', { jahr: c.req.valid('query').jahr }))
    .openapi(routen.offen, (c) => antworte(offenerPunkt, c, 'befunde', 'befunde', { jahr: c.req.valid('query').jahr ?? null }))
    .openapi(routen.vorschlag, (c) => antworte(vorschlagZeile, c, 'umschichtung_vorschlag', 'umschichtung_vorschlag', { jahr: c.req.valid('query').jahr }))
    .openapi(routen.fachcontrolling, async (c) => {
      const q = c.req.valid('query');
      const b = c.get('benutzer');
      pruefeSozialraum(b, q.sozialraum);
      return await fachSpeicher.antworte(c, async () => {
        const t = await fachcontrolling(d.leser, { jahr: q.jahr, quartal: q.quartal ?? null, sozialraum: q.sozialraum ?? null }, bereich(b, 'fachcontrolling'), exakteFallzahlen(b));
        const inhalt = tabellenInhalt(t, c.req.header('accept'));
        return typeof inhalt.body === 'string' && inhalt.typ.startsWith('application/json')
          ? { ...inhalt, body: JSON.stringify({ zeilen: t.zeilen, hinweis: t.hinweis }) } : inhalt;
      });
    })
    .openapi(routen.pruefung, (c) => antworte(freieZeile, c, 'personal_pruefung', 'personal_pruefung', { jahr: c.req.valid('query').jahr ?? null }));
}
