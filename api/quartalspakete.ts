import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { quartalText, schreibeQuartalspaket } from '../berichte/quartalspaket/index.ts';
import { letztesQuartal, WarehouseFehler, type Quartal } from '../warehouse/index.ts';
import type { Aenderung, Dienste } from './dienste.ts';

const PAKET = /^(\d{4})-Q([1-4])$/;

export interface Paketeintrag { quartal: string; erstellt: string; dateien: number }

/** The packs in the folder, newest quarter first. */
export function listePakete(ordner: string): Paketeintrag[] {
  if (!existsSync(ordner)) return [];
  return readdirSync(ordner)
    .filter((n) => PAKET.test(n) && existsSync(join(ordner, n, 'index.html')))
    .sort().reverse()
    .map((n) => ({ quartal: n, erstellt: statSync(join(ordner, n, 'index.html')).mtime.toISOString(), dateien: readdirSync(join(ordner, n)).length }));
}

/**
 * `srb serve --berichte DIR`: the quarterly pack builds itself into DIR/JJJJ-QN. Once a quarter has
 * ended (checked at start and every `takt` ms) and after every load that changes a year whose closed
 * quarters have a pack (a load of year J changes J and later years: budgets carry forward, the
 * seasonal projection looks three years back). One pack at a time, on the reading connection.
 */
export function starteQuartalspakete(d: Dienste, ordner: string, log: (text: string) => void, takt = 10 * 60_000): () => Promise<void> {
  let kette: Promise<void> = Promise.resolve();
  const erzeuge = (q: Quartal) => {
    kette = kette.then(async () => {
      try {
        const p = await schreibeQuartalspaket(d.leser, q, join(ordner, quartalText(q)));
        log(`Grafikpaket ${quartalText(q)} erstellt (${p.dateien.length} Dateien).`);
      } catch (e) {
        if (!(e instanceof WarehouseFehler && e.code === 'keine_daten')) log(`Grafikpaket ${quartalText(q)}: ${(e as Error).message}`);
      }
    });
  };
  const neuesQuartal = async () => {
    try {
      const q = await letztesQuartal(d.leser);
      if (!existsSync(join(ordner, quartalText(q), 'index.html'))) erzeuge(q);
    } catch (e) {
      if (!(e instanceof WarehouseFehler)) log(`Grafikpakete: ${(e as Error).message}`);
    }
  };
  const nachLadung = (a: Aenderung) => {
    if (a.art !== 'ladung') return;
    const jahre = (a.details.jahre as number[] | undefined) ?? [];
    if (jahre.length === 0) return;
    const ab = Math.min(...jahre);
    for (const p of listePakete(ordner)) {
      const [, jahr, quartal] = PAKET.exec(p.quartal)!;
      if (Number(jahr) >= ab) erzeuge({ jahr: Number(jahr), quartal: Number(quartal) });
    }
    void neuesQuartal();
  };
  d.ereignisse.on('aenderung', nachLadung);
  void neuesQuartal();
  const uhr = setInterval(() => void neuesQuartal(), takt);
  // Stopping waits for a pack being written, so that the connection is not closed under it.
  return async () => {
    clearInterval(uhr);
    d.ereignisse.off('aenderung', nachLadung);
    await kette;
  };
}
