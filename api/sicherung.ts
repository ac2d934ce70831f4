import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { alleSozialraeume } from './zugang/bereich.ts';
import { ApiFehler } from './fehler.ts';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { raeumeSicherungenAuf, sichere } from '../warehouse/index.ts';
import type { Dienste } from './dienste.ts';
import type { ApiUmgebung } from './kontext.ts';
import { nurRollen } from './middleware/anmeldung.ts';
import { fehlerSchema } from './routen/schemas.ts';

/** `srb serve --backup DIR`: a backup at start and every `takt` ms; the newest `behalten` stay. */
export function starteSicherungen(
  d: Dienste,
  ordner: string,
  log: (text: string) => void,
  takt = 24 * 3600_000,
  behalten = 7,
): () => Promise<void> {
  let laeuft: Promise<void> = Promise.resolve();
  const runde = () => {
    laeuft = laeuft.then(async () => {
      try {
        const s = await sichere(d.schreiber, ordner, 'zeitplan');
        raeumeSicherungenAuf(ordner, behalten);
        log(`Sicherung ${s.pfad} erstellt.`);
      } catch (e) {
        log(`Sicherung nach ${ordner} fehlgeschlagen: ${(e as Error).message}`);
      }
    });
  };
  runde();
  const uhr = setInterval(runde, takt);
  return async () => {
    clearInterval(uhr);
    await laeuft;
  };
}

const route = createRoute({
  method: 'post',
  path: '/sicherungen',
  tags: ['Betrieb'],
  summary: 'Sicherung des Warehouses herunterladen (srb backup)',
  description:
    'Eine in sich stimmige Kopie der DuckDB-Datei, während der Server läuft (CHECKPOINT und Kopie unter der Schreibsperre). ' +
    'Die Antwort ist die Datei; ihre SHA-256-Prüfsumme steht im Kopf `X-Pruefsumme-Sha256`. Nur Administratoren ' +
    '(die Kopie enthält alle Sozialräume und die Passwort-Hashes aller Benutzer); protokolliert.',
  // Betrieb, not controlling: a copy holds every user's password hash, from which a controller could
  // try to recover a colleague's password and act in another's name (attack review).
  middleware: [nurRollen('admin')] as const,
  responses: {
    200: {
      description: 'Die Sicherung (DuckDB-Datei)',
      content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    403: { description: 'Keine Berechtigung', content: { 'application/json': { schema: fehlerSchema } } },
  },
});

export function sicherungRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>().openapi(route, async (c) => {
    // The copy holds every Sozialraum: only for an administrator of the whole county.
    if (!alleSozialraeume(c.get('benutzer')))
      throw new ApiFehler(
        'kein_zugriff',
        'Eine Sicherung enthält alle Sozialräume: nur für Administratoren mit Sicht auf den ganzen Landkreis.',
      );
    const ordner = mkdtempSync(join(tmpdir(), 'srb-sicherung-'));
    try {
      const s = await sichere(d.schreiber, ordner, c.get('benutzer').name);
      const strom = createReadStream(s.pfad);
      strom.once('close', () => rmSync(ordner, { recursive: true, force: true }));
      return new Response(Readable.toWeb(strom) as ReadableStream, {
        headers: {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${basename(s.pfad)}"`,
          'x-pruefsumme-sha256': s.sha256,
        },
      }) as never;
    } catch (e) {
      rmSync(ordner, { recursive: true, force: true });
      throw e;
    }
  });
}
