import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ladeZuordnung, type Zuordnung } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import { nimmHochgeladenes } from '../hochladen.ts';
import { importiere } from '../import.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { nurRollen } from '../middleware/anmeldung.ts';
import { ladebereich } from '../zugang/bereich.ts';
import { fehlerSchema } from './schemas.ts';

const ergebnis = z
  .object({
    datei: z.string(),
    status: z.enum(['geladen', 'bereits_geladen', 'abgelehnt']),
    art: z.string().optional(),
    absender: z.string().optional(),
    zeilen: z.number(),
    ersetzt: z.number(),
    ladungId: z.number().optional(),
    fehlerAnzahl: z.number(),
    meldung: z.string(),
    bericht: z.string().optional(),
    fehler: z.array(
      z.object({
        zeile: z.number().optional(),
        spalte: z.string().optional(),
        wert: z.string().nullable().optional(),
        grund: z.string(),
      }),
    ),
  })
  .openapi('Ladeergebnis');

const route = createRoute({
  method: 'post',
  path: '/importe',
  tags: ['Importe'],
  summary: 'Exportdateien hochladen und laden (wie srb ingest)',
  description:
    'multipart/form-data: ein oder mehrere Felder `datei` (CSV oder XLSX), optional `mapping` (Zuordnungsdatei, JSON). ' +
    'Jede Datei für sich: ganz oder gar nicht. Eine Datei mit einer Zeile außerhalb des eigenen Bereichs (anderer Träger, anderer Sozialraum) wird ganz abgelehnt. ' +
    'Höchstens 100 MB je Anfrage (Einstellung `srb serve --upload-max-mb`), sonst 413.',
  middleware: [nurRollen('jugendamt_controller', 'traeger_controller')] as const,
  responses: {
    201: {
      description: 'Alle Dateien geladen oder schon geladen',
      content: { 'application/json': { schema: z.object({ ergebnisse: z.array(ergebnis) }) } },
    },
    422: {
      description: 'Mindestens eine Datei abgelehnt (Bericht je Datei); die anderen sind geladen',
      content: { 'application/json': { schema: z.object({ ergebnisse: z.array(ergebnis) }) } },
    },
    400: { description: 'Keine Datei', content: { 'application/json': { schema: fehlerSchema } } },
    413: { description: 'Zu groß (nichts gespeichert)', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

export function importRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>().openapi(route, async (c) => {
    const b = c.get('benutzer');
    // Streamed to disk under the size limit: an upload never sits whole in memory.
    const hoch = await nimmHochgeladenes(c.req.raw.headers, c.req.raw.body as never, d.uploadGrenze);
    try {
      if (hoch.dateien.length === 0)
        throw new ApiFehler('eingabe_ungueltig', 'Keine Datei im Feld „datei“ (multipart/form-data).');
      const zuordnung: Zuordnung | undefined = hoch.zuordnung ? ladeZuordnung(hoch.zuordnung) : undefined;
      const ergebnisse = [];
      for (const datei of hoch.dateien) {
        const e = await importiere(d, datei.pfad, { benutzer: b.name, zuordnung, bereich: ladebereich(b) });
        const { quarantaene: _, ...ohnePfad } = e;
        ergebnisse.push(ohnePfad);
      }
      return c.json({ ergebnisse }, ergebnisse.some((e) => e.status === 'abgelehnt') ? 422 : 201);
    } finally {
      hoch.weg();
    }
  });
}
