import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  adhocAbfrage,
  alsCsv,
  alsRfcCsv,
  leseAbfrage,
  listeAbfragen,
  loescheAbfrage,
  speichereAbfrage,
  WarehouseFehler,
  protokolliere,
  type AdhocErgebnis,
} from '../../warehouse/index.ts';
import { tabellenInhalt, ARROW } from '../ausgabe/tabelle.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { nurRollen } from '../middleware/anmeldung.ts';
import { bereiche, eigenerTraeger, exakteFallzahlen } from '../zugang/bereich.ts';
import { validierungsHaken } from '../validierung.ts';
import { fehlerSchema, jsonKoerper } from './schemas.ts';

const abfrageZeile = z
  .object({
    name: z.string(),
    sql: z.string(),
    parameter: z.array(z.string()),
    beschreibung: z.string().nullable(),
    autor: z.string(),
    geaendert: z.string(),
  })
  .openapi('GespeicherteAbfrage');

const SPEICHERN_ROLLEN = ['jugendamt_controller', 'analyst', 'admin'] as const;

const speichern = createRoute({
  method: 'post',
  path: '/abfragen',
  tags: ['Analyse'],
  summary: 'Ad-hoc-Abfrage unter einem Namen speichern (für Power Query, Power BI)',
  description:
    'Wie POST /sql geprüft, aber nicht ausgeführt. Parameter schreibt man $name (z. B. WHERE jahr = $jahr); beim Abruf kommen sie als ?jahr=2026. ' +
    'Ein Parameter braucht einen Typ aus der Abfrage (sonst CAST($jahr AS INTEGER)); $format ist vergeben (?format=). ' +
    'Eine gespeicherte Abfrage ersetzen oder löschen nur ihr Autor oder ein Admin. ' +
    'Jeder Abruf läuft im Zugriffsbereich des Abrufenden.',
  middleware: [nurRollen(...SPEICHERN_ROLLEN)] as const,
  request: jsonKoerper(
    z.object({
      name: z.string().min(1).max(63),
      sql: z.string().min(1).max(20000),
      beschreibung: z.string().max(2000).nullable().default(null),
    }),
  ),
  responses: {
    201: { description: 'Gespeichert und protokolliert', content: { 'application/json': { schema: abfrageZeile } } },
    400: { description: 'Fehlerhafte Abfrage oder Name', content: { 'application/json': { schema: fehlerSchema } } },
    403: {
      description: 'Nicht erlaubte Abfrage oder Rolle, oder der Name gehört der Abfrage eines anderen Autors',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

const liste = createRoute({
  method: 'get',
  path: '/abfragen',
  tags: ['Analyse'],
  summary: 'Gespeicherte Abfragen',
  responses: {
    200: {
      description: 'Alle gespeicherten Abfragen',
      content: { 'application/json': { schema: z.object({ abfragen: z.array(abfrageZeile) }) } },
    },
  },
});

const loeschen = createRoute({
  method: 'delete',
  path: '/abfragen/{name}',
  tags: ['Analyse'],
  summary: 'Gespeicherte Abfrage löschen',
  middleware: [nurRollen(...SPEICHERN_ROLLEN)] as const,
  request: { params: z.object({ name: z.string().max(63) }) },
  responses: {
    204: { description: 'Gelöscht und protokolliert' },
    403: {
      description: 'Abfrage eines anderen Autors (nur er oder ein Admin löscht sie) oder Rolle',
      content: { 'application/json': { schema: fehlerSchema } },
    },
    404: { description: 'Unbekannt', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

const abrufen = createRoute({
  method: 'get',
  path: '/abfragen/{datei}',
  tags: ['Analyse'],
  summary: 'Gespeicherte Abfrage abrufen: NAME.csv, NAME.json oder NAME.arrow',
  description:
    'Für „Daten → Aus dem Web“ in Excel und Power BI: mit einem lesenden API-Schlüssel als HTTP Basic (Benutzername, Schlüssel als Kennwort). ' +
    'CSV so, wie ein deutsches Excel sie öffnet (BOM, Semikolon, Dezimalkomma); ?format=rfc: Komma, Dezimalpunkt (RFC 4180). ' +
    "In beiden Varianten beginnen Spaltennamen und Textzellen, die mit =, +, -, @, Tab oder Wagenrücklauf anfangen, mit ' (Schutz vor Formeln). " +
    'Die übrigen Parameter der Adresse füllen die $parameter der Abfrage.',
  request: {
    params: z.object({ datei: z.string().max(80) }),
    query: z.object({ format: z.enum(['rfc', 'de']).optional() }).catchall(z.string()),
  },
  responses: {
    200: {
      description: 'Ergebnis im Bereich des Abrufenden',
      content: {
        'text/csv': { schema: z.string() },
        'application/json': { schema: z.object({ zeilen: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    400: { description: 'Parameter fehlt oder ist falsch', content: { 'application/json': { schema: fehlerSchema } } },
    404: { description: 'Unbekannte Abfrage', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

/** NAME.csv, NAME.json or NAME.arrow: the name of the saved query and the format asked for. */
function zerlege(datei: string): { name: string; endung: 'csv' | 'json' | 'arrow' } {
  const punkt = datei.lastIndexOf('.');
  const endung = datei.slice(punkt + 1);
  if (punkt > 0 && (endung === 'csv' || endung === 'json' || endung === 'arrow'))
    return { name: datei.slice(0, punkt), endung };
  throw new ApiFehler('nicht_gefunden', 'Bitte NAME.csv, NAME.json oder NAME.arrow abrufen.');
}

export function abfrageRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken })
    .openapi(speichern, async (c) => {
      const a = c.req.valid('json');
      const b = c.get('benutzer');
      try {
        return c.json(await speichereAbfrage(d.schreiber, a, b), 201);
      } catch (fehler) {
        // As POST /sql audits a refused query: the same SQL refused at save leaves the same trace.
        if (fehler instanceof WarehouseFehler)
          await protokolliere(d.schreiber, {
            benutzer: b.name,
            aktion: 'sql_abgelehnt',
            objekt: `abfrage:${a.name}`,
            details: `${fehler.message}\n${a.sql}`,
          });
        throw fehler;
      }
    })
    .openapi(liste, async (c) => c.json({ abfragen: await listeAbfragen(d.leser) }, 200))
    .openapi(loeschen, async (c) => {
      await loescheAbfrage(d.schreiber, c.req.valid('param').name, c.get('benutzer'));
      return c.body(null, 204);
    })
    .openapi(abrufen, async (c) => {
      const { name, endung } = zerlege(c.req.valid('param').datei);
      const abfrage = await leseAbfrage(d.leser, name);
      if (!abfrage) throw new ApiFehler('nicht_gefunden', `Eine gespeicherte Abfrage „${name}“ gibt es nicht.`);
      const { format, ...werte } = c.req.valid('query');
      const fehlt = abfrage.parameter.filter((p) => werte[p] === undefined);
      if (fehlt.length > 0)
        throw new ApiFehler(
          'eingabe_ungueltig',
          `Parameter fehlt in der Adresse: ${fehlt.map((p) => `?${p}=…`).join(', ')}.`,
        );
      const fremd = Object.keys(werte).filter((p) => !abfrage.parameter.includes(p));
      if (fremd.length > 0)
        throw new ApiFehler(
          'eingabe_ungueltig',
          `Unbekannter Parameter ${fremd.join(', ')}; die Abfrage „${name}“ kennt: ${abfrage.parameter.join(', ') || 'keine'}.`,
        );
      const b = c.get('benutzer');
      const schluessel = c.get('apiSchluessel');
      // Which key ran it (id and name, never the secret): a leaked key is traced to its report.
      const mit = schluessel ? ` mit API-Schlüssel ${schluessel.schluesselId} („${schluessel.name}“)` : '';
      await protokolliere(d.schreiber, {
        benutzer: b.name,
        aktion: 'sql',
        objekt: `abfrage:${name}`,
        details: JSON.stringify(werte) + mit,
      });
      let e: AdhocErgebnis;
      try {
        e = await adhocAbfrage(
          d.leser,
          abfrage.sql,
          bereiche(b),
          {
            zeilen: 100_000,
            sekunden: 30,
            spur: d.adhocSpur,
            abbruch: c.req.raw.signal,
            exakteFallzahlen: exakteFallzahlen(b),
            eigenerTraeger: eigenerTraeger(b),
          },
          werte,
        );
      } catch (fehler) {
        if (fehler instanceof WarehouseFehler)
          await protokolliere(d.schreiber, {
            benutzer: b.name,
            aktion: 'sql_abgelehnt',
            objekt: `abfrage:${name}`,
            details: fehler.message + mit,
          });
        throw fehler;
      }
      const kopf = {
        'Cache-Control': 'no-store',
        'X-Abgeschnitten': String(e.abgeschnitten),
        ...(e.hinweis ? { 'X-Kleinzahlschutz': encodeURIComponent(e.hinweis) } : {}),
      };
      if (endung === 'csv') {
        const rfc = format === 'rfc';
        // German Excel reads UTF-8 only with a BOM; ';' and the decimal comma are what it expects.
        const body = rfc
          ? alsRfcCsv(e.zeilen, e.spalten, e.zahlenspalten)
          : `\uFEFF${alsCsv(e.zeilen, e.spalten, e.zahlenspalten)}`;
        return c.body(body, 200, {
          ...kopf,
          'Content-Type': `text/csv; charset=utf-8${rfc ? '; header=present' : ''}`,
          'Content-Disposition': `inline; filename="${name}.csv"`,
        });
      }
      const inhalt = tabellenInhalt(
        { spalten: e.spalten, zahlen: e.zahlenspalten, typen: e.typen, zeilen: e.zeilen },
        endung === 'json' ? 'application/json' : ARROW,
      );
      // A fresh Uint8Array is typed over a plain ArrayBuffer, which Response takes without a cast.
      return new Response(typeof inhalt.body === 'string' ? inhalt.body : new Uint8Array(inhalt.body), {
        status: 200,
        headers: { ...kopf, 'Content-Type': inhalt.typ },
      });
    });
}
