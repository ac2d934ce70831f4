import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { quartalText, schreibeQuartalspaket } from '../berichte/index.ts';
import { zeichnerProzess } from '../grafiken/index.ts';
import { letztesQuartal, WarehouseFehler, type Quartal, type Warehouse } from '../warehouse/index.ts';
import type { Aenderung, Dienste } from './dienste.ts';

const PAKET = /^(\d{4})-Q([1-4])$/;

export interface Paketeintrag {
  quartal: string;
  erstellt: string;
  dateien: number;
}

/** The packs in the folder, newest quarter first. */
export function listePakete(ordner: string): Paketeintrag[] {
  if (!existsSync(ordner)) return [];
  return readdirSync(ordner)
    .filter((n) => PAKET.test(n) && existsSync(join(ordner, n, 'index.html')))
    .sort()
    .reverse()
    .map((n) => ({
      quartal: n,
      erstellt: statSync(join(ordner, n, 'index.html')).mtime.toISOString(),
      dateien: readdirSync(join(ordner, n)).length,
    }));
}

/**
 * `srb serve --berichte DIR`: the quarterly pack builds itself into DIR/JJJJ-QN. Once a quarter has
 * ended (checked at start and every `takt` ms), and again for every pack whose figures a change moved:
 * a load of year J changes J and later years (budgets carry forward, the seasonal projection looks
 * three years back); a forecast or an Umschichtung changes the quarters of its year. Changes come in
 * bursts (a delivery of many files), so quarters wait in a set for `ruhe` ms and each is built once,
 * one pack at a time: the rows on a connection of its own, the charts drawn in a child process
 * (grafiken/zeichner.ts), so that requests keep being answered meanwhile.
 */
export function starteQuartalspakete(
  d: Dienste,
  ordner: string,
  log: (text: string) => void,
  takt = 10 * 60_000,
  ruhe = 2000,
): () => Promise<void> {
  const offen = new Map<string, Quartal>();
  let laeuft: Promise<void> = Promise.resolve();
  let wecker: NodeJS.Timeout | undefined;
  const zeichner = zeichnerProzess();
  // Its own connection: on the readers' one every request waits for the pack's queries.
  let verbindung: Warehouse | undefined;
  const baue = async () => {
    verbindung ??= await d.leser.weitere();
    while (offen.size > 0) {
      const [schluessel, q] = offen.entries().next().value as [string, Quartal];
      offen.delete(schluessel);
      try {
        const p = await schreibeQuartalspaket(verbindung, q, join(ordner, schluessel), new Date(), zeichner);
        log(`Grafikpaket ${schluessel} erstellt (${p.dateien.length} Dateien).`);
      } catch (e) {
        if (!(e instanceof WarehouseFehler && e.code === 'keine_daten'))
          log(`Grafikpaket ${schluessel}: ${(e as Error).message}`);
      }
    }
  };
  const vormerken = (q: Quartal) => {
    offen.set(quartalText(q), q);
    clearTimeout(wecker);
    wecker = setTimeout(() => {
      laeuft = laeuft.then(baue);
    }, ruhe);
  };
  const neuesQuartal = async () => {
    try {
      const q = await letztesQuartal(d.leser);
      if (!existsSync(join(ordner, quartalText(q), 'index.html'))) vormerken(q);
    } catch (e) {
      if (!(e instanceof WarehouseFehler)) log(`Grafikpakete: ${(e as Error).message}`);
    }
  };
  const nachAenderung = (a: Aenderung) => {
    const jahre = a.art === 'ladung' ? ((a.details.jahre as number[] | undefined) ?? []) : [Number(a.details.jahr)];
    if (jahre.length === 0) return;
    const ab = Math.min(...jahre);
    const bis = a.art === 'ladung' ? Infinity : ab;
    for (const p of listePakete(ordner)) {
      const [, jahr, quartal] = PAKET.exec(p.quartal)!;
      if (Number(jahr) >= ab && Number(jahr) <= bis) vormerken({ jahr: Number(jahr), quartal: Number(quartal) });
    }
    if (a.art === 'ladung') void neuesQuartal();
  };
  d.ereignisse.on('aenderung', nachAenderung);
  void neuesQuartal();
  const uhr = setInterval(() => void neuesQuartal(), takt);
  // Stopping waits for a pack being written, so that the connection is not closed under it.
  return async () => {
    clearInterval(uhr);
    clearTimeout(wecker);
    offen.clear();
    d.ereignisse.off('aenderung', nachAenderung);
    await laeuft;
    zeichner.beenden();
    verbindung?.schliessen();
  };
}
