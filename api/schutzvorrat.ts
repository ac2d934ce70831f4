import { schuetzeAlleJahreVorab } from '../warehouse/index.ts';
import type { Dienste } from './dienste.ts';

/**
 * `srb serve`: the county's small-number protection of every year is worked out ahead, at the start and
 * again a little after every change of the figures (changes come in bursts), in the worker thread
 * (warehouse/kleinzahlen/nebenher.ts), so that an analyst's query over `fachcontrolling` does not spend
 * its time limit on it. Stopping waits for the year being computed.
 */
export function starteSchutzvorrat(d: Dienste, log: (text: string) => void, ruhe = 2000): () => Promise<void> {
  let laeuft: Promise<void> = Promise.resolve();
  let wecker: NodeJS.Timeout | undefined;
  let an = true;
  const rechne = async () => {
    try {
      await schuetzeAlleJahreVorab(d.leser, () => an);
    } catch (e) {
      log(`Kleinzahlschutz im Voraus: ${(e as Error).message}`);
    }
  };
  const vormerken = () => {
    clearTimeout(wecker);
    wecker = setTimeout(() => {
      laeuft = laeuft.then(rechne);
    }, ruhe);
  };
  d.ereignisse.on('aenderung', vormerken);
  vormerken();
  return async () => {
    an = false;
    clearTimeout(wecker);
    d.ereignisse.off('aenderung', vormerken);
    await laeuft;
  };
}
