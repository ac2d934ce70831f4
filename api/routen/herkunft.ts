import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  dateiDerLadung,
  FACH_HERKUNFT_SPALTEN,
  herkunft,
  herkunftDatei,
  herkunftFachcontrolling,
  herkunftZeile,
  HERKUNFT_HOECHSTENS_PRO_SEITE,
  HERKUNFT_KENNZAHLEN,
  protokolliere,
} from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import {
  darfLadungsdatei,
  darfSozialraum,
  eigenerTraeger,
  exakteFallzahlen,
  herkunftsbereich,
} from '../zugang/bereich.ts';
import { validierungsHaken } from '../validierung.ts';
import { herkunftFachAntwort } from './herkunft_fach.ts';
import { benannt, betrag, fehlerSchema, jahr, sozialraumOderGesamt } from './schemas.ts';

// The rows as the warehouse declares them beside their .sql (warehouse/herkunft/zeilen.ts, dateien.ts).
const zeile = benannt('HerkunftZeile', herkunftZeile);

const herkunftAntwort = z
  .object({
    kennzahl: z.enum(HERKUNFT_KENNZAHLEN),
    spalte: z.string(),
    wert: betrag.nullable().openapi({ description: 'Die Zahl, wie die API sie diesem Benutzer liefert' }),
    summe: betrag
      .nullable()
      .openapi({ description: 'Summe aller Zeilen der Zahl (auch der nur summiert gezeigten), einmal gerundet' }),
    stimmt: z.boolean().openapi({ description: 'summe = wert' }),
    anzahl: z.number(),
    seite: z.number(),
    pro_seite: z.number(),
    zeilen: z.array(zeile),
    andere: z.object({ zeilen: z.number(), summe: betrag.nullable() }).nullable().openapi({
      description: 'Zeilen anderer Träger und Zahlungen des Jugendamts, die ein Träger nur als Summe sieht',
    }),
    dateien: z.array(herkunftDatei),
    historie: z
      .array(zeile)
      .optional()
      .openapi({ description: 'Mit ?historie=1: Zeilen früherer Lieferungen und die Ladung, die sie ersetzt hat' }),
    hinweis: z.string().optional(),
  })
  .openapi('Herkunft');

const text = z.string().max(100);
const route = createRoute({
  method: 'get',
  path: '/herkunft',
  tags: ['Herkunft'],
  summary: 'Herkunft einer Zahl: die Exportzeilen dahinter, mit Datei, Zeile, Absender und Ladezeit',
  description:
    'Für finanzvolumen (gesamtfinanzvolumen), verbrauch (betrag einer Zelle: dieselben Gruppenwerte als Parameter, leerer Wert = leer), ' +
    'abweichung (ist_bis_stichtag), jahresabrechnung (personalkosten_ist) und fachcontrolling (eine Anzahl, spalte=' +
    `${FACH_HERKUNFT_SPALTEN.join('|')}: die Kontraktzeilen des Jugendamts, die sie zählt; sozialraum und hilfeart auch gesamt). ` +
    'Derselbe Zugriffsbereich wie die Zahl selbst; eine vom Schutz kleiner Fallzahlen verdeckte Zelle: 403.',
  request: {
    query: z
      .object({
        kennzahl: z.enum([...HERKUNFT_KENNZAHLEN, 'fachcontrolling']),
        spalte: z.enum(FACH_HERKUNFT_SPALTEN).optional().openapi({ description: 'Nur fachcontrolling: die Anzahl' }),
        jahr,
        bis: z.coerce.number().int().min(1).max(12).optional(),
        quartal: z.coerce.number().int().min(1).max(4).optional(),
        monat: z.coerce.number().int().min(1).max(12).optional(),
        sozialraum: sozialraumOderGesamt
          .optional()
          .openapi({ description: 'gesamt (der Landkreis) nur bei fachcontrolling' }),
        topf: text.optional(),
        hilfeart: text.optional(),
        segment: text.optional(),
        traeger: text.optional(),
        seite: z.coerce.number().int().min(1).max(1_000_000).optional(),
        pro_seite: z.coerce.number().int().min(1).max(HERKUNFT_HOECHSTENS_PRO_SEITE).optional(),
        historie: z.enum(['0', '1', 'true', 'false']).optional(),
      })
      .strict(), // a misspelt coordinate must not silently trace a larger figure
  },
  responses: {
    200: {
      description: 'Die Zeilen (eine Seite), ihre Summe und ob sie die Zahl ergibt',
      content: { 'application/json': { schema: z.union([herkunftAntwort, herkunftFachAntwort]) } },
    },
    400: { description: 'Ungültige Parameter', content: { 'application/json': { schema: fehlerSchema } } },
    403: {
      description: 'Kein Zugriff auf diesen Sozialraum, oder die Zelle ist vom Schutz kleiner Fallzahlen verdeckt',
      content: { 'application/json': { schema: fehlerSchema } },
    },
    404: {
      description: 'Diese Zahl gibt es im Bereich des Benutzers nicht',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

const datei = createRoute({
  method: 'get',
  path: '/ladungen/{ladung}/datei',
  tags: ['Herkunft'],
  summary: 'Die Originaldatei einer Ladung herunterladen',
  description:
    'Nur Controller des Jugendamts (und Administratoren), deren Sozialräume alle Zeilen der Datei umfassen; jeder Abruf wird protokolliert.',
  request: { params: z.object({ ladung: z.coerce.number().int().min(1) }) },
  responses: {
    200: {
      description: 'Die Datei, wie sie geliefert wurde',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    403: {
      description: 'Rolle oder Sozialraum nicht freigegeben',
      content: { 'application/json': { schema: fehlerSchema } },
    },
    404: {
      description: 'Keine solche Ladung, oder ihre Datei ist nicht aufbewahrt',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

export function herkunftRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken })
    .openapi(route, async (c) => {
      const q = c.req.valid('query');
      const b = c.get('benutzer');
      if (q.sozialraum && !darfSozialraum(b, q.sozialraum)) {
        throw new ApiFehler(
          'kein_zugriff',
          `Kein Zugriff auf den Sozialraum ${q.sozialraum}: freigegeben sind ${b.sozialraeume.join(', ')}.`,
        );
      }
      const { pro_seite: proSeite, historie, kennzahl, spalte, ...rest } = q;
      const mitHistorie = historie === '1' || historie === 'true';
      let ergebnis;
      if (kennzahl === 'fachcontrolling') {
        ergebnis = await herkunftFachcontrolling(
          d.leser,
          { ...rest, spalte, proSeite, historie: mitHistorie },
          herkunftsbereich(b, kennzahl),
          exakteFallzahlen(b),
          eigenerTraeger(b),
        );
      } else {
        if (spalte !== undefined || rest.sozialraum === 'gesamt')
          throw new ApiFehler(
            'eingabe_ungueltig',
            `Die Zahl ${kennzahl} hat ${spalte !== undefined ? 'die Angabe spalte' : 'den Sozialraum gesamt'} nicht (nur fachcontrolling).`,
          );
        ergebnis = await herkunft(
          d.leser,
          { ...rest, sozialraum: rest.sozialraum, kennzahl, proSeite, historie: mitHistorie },
          herkunftsbereich(b, kennzahl),
        );
      }
      // Row-level data of exports: who traced what is kept like every query.
      await protokolliere(d.schreiber, {
        benutzer: b.name,
        aktion: 'herkunft',
        objekt: q.kennzahl,
        details: new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString(),
      });
      return c.json(ergebnis, 200);
    })
    .openapi(datei, async (c) => {
      const b = c.get('benutzer');
      const id = c.req.valid('param').ladung;
      if (!['jugendamt_controller', 'admin'].includes(b.rolle)) {
        throw new ApiFehler(
          'kein_zugriff',
          'Originaldateien sind den Controllern des Jugendamts vorbehalten: sie enthalten die Zeilen aller Träger der Datei.',
        );
      }
      const l = await dateiDerLadung(d.leser, id);
      if (!l) throw new ApiFehler('nicht_gefunden', `Keine geladene Ladung ${id}.`);
      if (!darfLadungsdatei(b, l))
        throw new ApiFehler(
          'kein_zugriff',
          `Die Datei der Ladung ${id} enthält Zeilen aus ${l.sozialraeume.join(', ')}; freigegeben sind ${b.sozialraeume.join(', ')}.`,
        );
      if (!l.pfad)
        throw new ApiFehler(
          'nicht_gefunden',
          `Die Datei der Ladung ${id} (${l.dateiname}) ist nicht aufbewahrt (vor der Aufbewahrung geladen oder entfernt).`,
        );
      await protokolliere(d.schreiber, {
        benutzer: b.name,
        aktion: 'ladungsdatei',
        objekt: l.dateiname,
        details: `Ladung ${id}`,
      });
      const groesse = (await stat(l.pfad)).size;
      const name = encodeURIComponent(l.dateiname);
      return new Response(Readable.toWeb(createReadStream(l.pfad)) as ReadableStream, {
        status: 200,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': String(groesse),
          'content-disposition': `attachment; filename="${l.dateiname.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${name}`,
        },
      });
    });
}
