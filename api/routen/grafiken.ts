import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { erstelleGrafik, GRAFIK_NAMEN, grafikNamens, type Grafik } from '../../berichte/index.ts';
import { alsPng, alsSvg } from '../../grafiken/index.ts';
import { WarehouseFehler } from '../../warehouse/index.ts';
import { Antwortspeicher } from '../ausgabe/speicher.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { listePakete } from '../quartalspakete.ts';
import { alleSozialraeume, bereich, darfSozialraum } from '../zugang/bereich.ts';
import { validierungsHaken } from '../validierung.ts';
import { fehlerSchema, jahr, sozialraumCode } from './schemas.ts';

const FORMATE = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  'vl.json': 'application/json; charset=utf-8',
} as const;
type Format = keyof typeof FORMATE;
const DATEI = new RegExp(`^(${GRAFIK_NAMEN.join('|')})\\.(svg|png|vl\\.json)$`);
const istFormat = (f: string | undefined): f is Format => f !== undefined && Object.hasOwn(FORMATE, f);

/** NAME.FORMAT of a request (the route's parameter schema has checked it against DATEI). */
function grafikDatei(datei: string): { g: Grafik; format: Format } {
  const [, name = '', format] = DATEI.exec(datei) ?? [];
  const g = grafikNamens(name);
  if (!g || !istFormat(format))
    throw new ApiFehler(
      'eingabe_ungueltig',
      `Eine Grafik ${datei} gibt es nicht: NAME.svg|png|vl.json mit NAME aus ${GRAFIK_NAMEN.join(', ')}.`,
    );
  return { g, format };
}

const grafik = createRoute({
  method: 'get',
  path: '/grafiken/{datei}',
  tags: ['Grafiken'],
  summary: 'Eine Grafik des Quartalspakets als SVG, PNG (2×) oder Vega-Lite-Spezifikation mit Daten',
  description:
    `Grafiken je Sozialraum (sozialraum nötig): abweichung, verlauf, hilfearten, praevention, auslastung; für den Landkreis: sozialraeume, trend. ` +
    'Es gelten dieselben Zugriffsregeln wie für die Kennzahlen.',
  request: {
    params: z.object({
      datei: z
        .string()
        .regex(DATEI)
        .openapi({
          example: 'abweichung.svg',
          description: `NAME.svg|png|vl.json mit NAME aus ${GRAFIK_NAMEN.join(', ')}`,
        }),
    }),
    query: z.object({ jahr, quartal: z.coerce.number().int().min(1).max(4), sozialraum: sozialraumCode.optional() }),
  },
  responses: {
    200: {
      description: 'Die Grafik',
      content: {
        'image/svg+xml': { schema: z.string() },
        'image/png': { schema: z.string().openapi({ format: 'binary' }) },
        'application/json': { schema: z.object({}).passthrough() },
      },
    },
    304: { description: 'Unverändert seit dem letzten Abruf' },
    400: { description: 'Ungültige Parameter', content: { 'application/json': { schema: fehlerSchema } } },
    403: {
      description: 'Kein Zugriff auf diesen Sozialraum',
      content: { 'application/json': { schema: fehlerSchema } },
    },
    404: { description: 'Keine Zahlen für dieses Quartal', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

const pakete = createRoute({
  method: 'get',
  path: '/grafiken/pakete',
  tags: ['Grafiken'],
  summary: 'Die Quartalspakete, die der Server selbst erstellt hat (srb serve --berichte)',
  responses: {
    200: {
      description: 'Neuestes Quartal zuerst',
      content: {
        'application/json': {
          schema: z.object({
            pakete: z.array(
              z.object({ quartal: z.string(), erstellt: z.string(), dateien: z.number(), url: z.string() }),
            ),
          }),
        },
      },
    },
    403: {
      description: 'Nur für Rollen mit Sicht auf alle Sozialräume (das Paket zeigt den ganzen Landkreis)',
      content: { 'application/json': { schema: fehlerSchema } },
    },
  },
});

const paketDatei = createRoute({
  method: 'get',
  path: '/grafiken/pakete/{quartal}/{datei}',
  tags: ['Grafiken'],
  summary: 'Eine Datei eines Quartalspakets (index.html, SVG, PNG, CSV, Vega-Lite)',
  request: {
    params: z.object({
      quartal: z.string().regex(/^\d{4}-Q[1-4]$/),
      datei: z.string().regex(/^[a-z0-9_]+(\.[a-z]+)+$/),
    }),
  },
  responses: {
    200: {
      description: 'Die Datei',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: { description: 'Gibt es nicht', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

const TYPEN: Record<string, string> = {
  ...FORMATE,
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: FORMATE['vl.json'],
};

export function grafikRouten(d: Dienste) {
  const speicher = new Antwortspeicher(d);
  const ganzerKreis = (c: { get(k: 'benutzer'): Parameters<typeof alleSozialraeume>[0] }) => {
    if (!alleSozialraeume(c.get('benutzer')))
      throw new ApiFehler(
        'kein_zugriff',
        'Die Quartalspakete zeigen den ganzen Landkreis: nur für Rollen mit Sicht auf alle Sozialräume.',
      );
  };
  return new OpenAPIHono<ApiUmgebung>({ defaultHook: validierungsHaken })
    .openapi(pakete, (c) => {
      ganzerKreis(c);
      const liste = d.paketOrdner ? listePakete(d.paketOrdner) : [];
      return c.json(
        { pakete: liste.map((p) => ({ ...p, url: `/api/v1/grafiken/pakete/${p.quartal}/index.html` })) },
        200,
      );
    })
    .openapi(paketDatei, (c) => {
      ganzerKreis(c);
      const { quartal, datei } = c.req.valid('param');
      const pfad = d.paketOrdner ? join(d.paketOrdner, quartal, datei) : undefined;
      if (!pfad || !existsSync(pfad))
        throw new ApiFehler('nicht_gefunden', `Im Quartalspaket ${quartal} gibt es keine Datei ${datei}.`);
      const endung = datei.endsWith('.vl.json') ? 'vl.json' : datei.slice(datei.lastIndexOf('.') + 1);
      return c.body(readFileSync(pfad), 200, {
        'Content-Type': TYPEN[endung] ?? 'application/octet-stream',
        'Cache-Control': 'private, no-cache',
      }) as never;
    })
    .openapi(grafik, async (c) => {
      const { g, format } = grafikDatei(c.req.valid('param').datei);
      const q = c.req.valid('query');
      const b = c.get('benutzer');
      if (g.ebene === 'sozialraum' && !q.sozialraum)
        throw new ApiFehler(
          'eingabe_ungueltig',
          `Die Grafik ${g.name} gilt je Sozialraum: Parameter sozialraum fehlt.`,
        );
      if (q.sozialraum && !darfSozialraum(b, q.sozialraum))
        throw new ApiFehler('kein_zugriff', `Kein Zugriff auf den Sozialraum ${q.sozialraum}.`);
      return (await speicher.antworte(c, async () => {
        const { spec, tabelle } = await erstelleGrafik(d.leser, g, q, bereich(b, g.sicht));
        if (tabelle.zeilen.length === 0) {
          throw new WarehouseFehler(
            'keine_daten',
            `Für ${g.titel} im ${q.quartal}. Quartal ${q.jahr}${q.sozialraum ? ` (${q.sozialraum})` : ''} gibt es keine Zahlen in Ihrem Zugriffsbereich.`,
          );
        }
        if (format === 'vl.json') return { body: JSON.stringify(spec), typ: FORMATE[format] };
        const svg = await alsSvg(spec);
        return format === 'svg' ? { body: svg, typ: FORMATE.svg } : { body: await alsPng(svg), typ: FORMATE.png };
      })) as never;
    });
}
