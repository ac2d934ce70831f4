import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ladeZuordnung, type Zuordnung } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import { ApiFehler } from '../fehler.ts';
import { importiere } from '../import.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { nurRollen } from '../middleware/anmeldung.ts';
import { ladebereich } from '../zugang/bereich.ts';
import { fehlerSchema } from './schemas.ts';

const ergebnis = z.object({
  datei: z.string(), status: z.enum(['geladen', 'bereits_geladen', 'abgelehnt']), art: z.string().optional(), absender: z.string().optional(),
  zeilen: z.number(), ersetzt: z.number(), ladungId: z.number().optional(), fehlerAnzahl: z.number(), meldung: z.string(), bericht: z.string().optional(),
  fehler: z.array(z.object({ zeile: z.number().optional(), spalte: z.string().optional(), wert: z.string().nullable().optional(), grund: z.string() })),
}).openapi('Ladeergebnis');

const route = createRoute({
  method: 'post', path: '/importe', tags: ['Importe'], summary: 'Exportdateien hochladen und laden (wie srb ingest)',
  description: 'multipart/form-data: ein oder mehrere Felder `datei` (CSV oder XLSX), optional `mapping` (Zuordnungsdatei, JSON). '
    + 'Jede Datei für sich: ganz oder gar nicht. Eine Datei mit einer Zeile außerhalb des eigenen Bereichs (anderer Träger, anderer Sozialraum) wird ganz abgelehnt.',
  middleware: [nurRollen('jugendamt_controller', 'traeger_controller')] as const,
  responses: {
    201: { description: 'Alle Dateien geladen oder schon geladen', content: { 'application/json': { schema: z.object({ ergebnisse: z.array(ergebnis) }) } } },
    422: { description: 'Mindestens eine Datei abgelehnt (Bericht je Datei); die anderen sind geladen', content: { 'application/json': { schema: z.object({ ergebnisse: z.array(ergebnis) }) } } },
    400: { description: 'Keine Datei', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

export function importRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>().openapi(route, async (c) => {
    const b = c.get('benutzer');
    const form = await c.req.parseBody({ all: true }).catch(() => {
      throw new ApiFehler('eingabe_ungueltig', 'Der Anfragekörper ist kein gültiges Formular (multipart/form-data mit dem Feld „datei“).');
    });
    const dateien = [form.datei].flat().filter((f): f is File => f instanceof File);
    if (dateien.length === 0) throw new ApiFehler('eingabe_ungueltig', 'Keine Datei im Feld „datei“ (multipart/form-data).');
    const ordner = mkdtempSync(join(tmpdir(), 'srb-upload-'));
    try {
      let zuordnung: Zuordnung | undefined;
      if (form.mapping instanceof File) {
        const pfad = join(ordner, 'zuordnung.json');
        writeFileSync(pfad, Buffer.from(await form.mapping.arrayBuffer()));
        zuordnung = ladeZuordnung(pfad);
      }
      const ergebnisse = [];
      for (const datei of dateien) {
        const pfad = join(ordner, sichererName(datei.name));
        writeFileSync(pfad, Buffer.from(await datei.arrayBuffer()));
        const e = await importiere(d, pfad, { benutzer: b.name, zuordnung, bereich: ladebereich(b) });
        const { quarantaene: _, ...ohnePfad } = e;
        ergebnisse.push(ohnePfad);
      }
      return c.json({ ergebnisse }, ergebnisse.some((e) => e.status === 'abgelehnt') ? 422 : 201);
    } finally {
      rmSync(ordner, { recursive: true, force: true });
    }
  });
}

/** The upload's own name for the load log, but never a path: "..", "." or nothing becomes upload.csv; at most 100 characters. */
function sichererName(name: string): string {
  // The end of a long name carries its extension; 100 characters stay far below the file system's limit.
  const einfach = basename(name).replace(/[^\w.äöüÄÖÜß-]/g, '_').slice(-100);
  return /^\.*$/.test(einfach) ? 'upload.csv' : einfach;
}
