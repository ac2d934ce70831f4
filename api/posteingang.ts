import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ladeZuordnung } from '../warehouse/index.ts';
import type { Dienste } from './dienste.ts';
import { importiere } from './import.ts';

/**
 * The inbox folder: files dropped there load by themselves and move to archiv/ or, with the German
 * report beside them, to abgelehnt/. The convention for whoever writes into it: write the file as
 * `NAME.part` (or `.NAME`) and rename it when complete; such names are never taken. A file without
 * it is taken once its size and modification time stayed the same for one whole round, so that a
 * plain copy still being written is not read half. A `zuordnung.json` in the folder applies to all.
 */
export function starteEingang(d: Dienste, ordner: string, log: (text: string) => void, takt = 2000): () => void {
  for (const u of ['archiv', 'abgelehnt']) mkdirSync(join(ordner, u), { recursive: true });
  const groessen = new Map<string, string>();
  let laeuft = false;
  const runde = async () => {
    if (laeuft) return;
    laeuft = true;
    try {
      for (const name of readdirSync(ordner).sort()) {
        const pfad = join(ordner, name);
        if (name === 'zuordnung.json' || name.startsWith('.') || name.endsWith('.part')) continue;
        const st = statSync(pfad);
        if (!st.isFile()) continue;
        const stand = `${st.size}:${st.mtimeMs}`;
        if (groessen.get(name) !== stand) {
          groessen.set(name, stand);
          continue;
        }
        groessen.delete(name);
        const zuordnungPfad = join(ordner, 'zuordnung.json');
        const zuordnung = existsSync(zuordnungPfad) ? ladeZuordnung(zuordnungPfad) : undefined;
        const e = await importiere(d, pfad, { benutzer: 'posteingang', zuordnung });
        const stempel = new Date().toISOString().replace(/[:.]/g, '-');
        const ziel = join(ordner, e.status === 'abgelehnt' ? 'abgelehnt' : 'archiv', `${stempel}_${name}`);
        renameSync(pfad, ziel);
        if (e.bericht) writeFileSync(`${ziel}.fehler.txt`, e.bericht);
        log(e.meldung);
      }
    } catch (e) {
      log(`Posteingang: ${(e as Error).message}`);
    } finally {
      laeuft = false;
    }
  };
  const uhr = setInterval(() => void runde(), takt);
  return () => clearInterval(uhr);
}
