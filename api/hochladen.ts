import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import { Busboy } from '@fastify/busboy';
import { ApiFehler } from './fehler.ts';
import { speicherFehler } from '../warehouse/index.ts';

export interface Hochgeladen {
  ordner: string;
  /** Each file part of the field `datei`, as written to disk, in the order sent. */
  dateien: Array<{ name: string; pfad: string }>;
  /** The part `mapping` (file or text field), on disk. */
  zuordnung?: string;
  weg(): void;
}

const MB = 1024 * 1024;
export const zuGross = (grenze: number) =>
  new ApiFehler(
    'zu_gross',
    `Die Anfrage ist zu groß: höchstens ${Math.floor(grenze / MB)} MB je Hochladen (Einstellung srb serve --upload-max-mb). Große Lieferungen bitte aufteilen oder in den Posteingang legen.`,
  );

/**
 * Streams a multipart upload to a temporary folder, never whole in memory, and stops at `grenze`
 * bytes of body: the client learns it with a 413 while the rest is not stored.
 */
export async function nimmHochgeladenes(
  koepfe: Headers,
  koerper: WebStream<Uint8Array> | null,
  grenze: number,
): Promise<Hochgeladen> {
  const typ = koepfe.get('content-type') ?? '';
  if (!typ.startsWith('multipart/form-data') || !koerper)
    throw new ApiFehler('eingabe_ungueltig', 'Dateien bitte als multipart/form-data im Feld „datei“ senden.');
  if (Number(koepfe.get('content-length') ?? 0) > grenze) throw zuGross(grenze);
  const ordner = mkdtempSync(join(tmpdir(), 'srb-upload-'));
  const h: Hochgeladen = { ordner, dateien: [], weg: () => rmSync(ordner, { recursive: true, force: true }) };
  let gelesen = 0;
  const zaehler = new Transform({
    transform(stueck: Buffer, _k, weiter) {
      gelesen += stueck.length;
      weiter(gelesen > grenze ? zuGross(grenze) : null, stueck);
    },
  });
  const schreiben: Array<Promise<void>> = [];
  let bb: ReturnType<typeof Busboy>;
  try {
    bb = Busboy({
      headers: { 'content-type': typ },
      limits: { files: 100, fields: 10, fieldSize: 256 * 1024, parts: 110 },
    });
  } catch {
    // Busboy throws at once when the header names no boundary: the caller's mistake.
    h.weg();
    throw new ApiFehler(
      'eingabe_ungueltig',
      'Der Kopf Content-Type nennt keine Grenze (boundary): kein gültiges multipart/form-data.',
    );
  }
  bb.on('file', (feld, strom, dateiname) => {
    if (feld !== 'datei' && feld !== 'mapping') {
      strom.resume();
      return;
    }
    const nr = h.dateien.length;
    const name = sichererName(dateiname);
    const pfad = feld === 'mapping' ? join(ordner, 'zuordnung.json') : join(ordner, `${nr}`, name);
    if (feld === 'mapping') h.zuordnung = pfad;
    else {
      // Each file in a folder of its own: two files of the same name in one request stay apart.
      mkdirSync(join(ordner, `${nr}`));
      h.dateien.push({ name, pfad });
    }
    schreiben.push(pipeline(strom, createWriteStream(pfad)));
  });
  bb.on('field', (feld, wert) => {
    if (feld !== 'mapping') return;
    h.zuordnung = join(ordner, 'zuordnung.json');
    writeFileSync(h.zuordnung, wert);
  });
  try {
    await pipeline(Readable.fromWeb(koerper), zaehler, bb);
    await Promise.all(schreiben);
  } catch (e) {
    h.weg();
    throw (
      speicherFehler(e) ??
      (e instanceof ApiFehler
        ? e
        : new ApiFehler(
            'eingabe_ungueltig',
            `Das Hochladen brach ab oder ist kein gültiges multipart/form-data: ${(e as Error).message}`,
          ))
    );
  }
  return h;
}

/** The upload's own name for the load log, but never a path: "..", "." or nothing becomes upload.csv; at most 100 characters. */
function sichererName(name: string | undefined): string {
  // The end of a long name carries its extension; 100 characters stay far below the file system's limit.
  const einfach = basename(name ?? '')
    .replace(/[^\w.äöüÄÖÜß-]/g, '_')
    .slice(-100);
  return /^\.*$/.test(einfach) ? 'upload.csv' : einfach;
}
