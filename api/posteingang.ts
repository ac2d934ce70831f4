import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ladeZuordnung } from '../warehouse/index.ts';
import type { Dienste } from './dienste.ts';
import { importiere } from './import.ts';

/**
 * The inbox folder: files dropped there load by themselves and move to archiv/ or, with the German
 * report beside them, to abgelehnt/. A file is taken once its size stayed the same for one round, so
 * that a copy still being written is not read half. A `zuordnung.json` in the folder applies to all.
 */
export function starteEingang(d: Dienste, ordner: string, log: (text: string) => void, takt = 2000): () => void {
  for (const u of ['archiv', 'abgelehnt']) mkdirSync(join(ordner, u), { recursive: true });
  const groessen = new Map<string, number>();
  let laeuft = false;
  const runde = async () => {
    if (laeuft) return;
    laeuft = true;
    try {
      for (const name of readdirSync(ordner).sort()) {
        const pfad = join(ordner, name);
        if (name === 'zuordnung.json' || name.startsWith('.') || !statSync(pfad).isFile()) continue;
        const groesse = statSync(pfad).size;
        if (groessen.get(name) !== groesse) { groessen.set(name, groesse); continue; }
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
