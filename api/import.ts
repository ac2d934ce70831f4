import {
  jahreDerLadung,
  ladeDatei,
  sozialraeumeDerLadung,
  type LadeErgebnis,
  type Ladebereich,
  type Zuordnung,
} from '../warehouse/index.ts';
import type { Dienste } from './dienste.ts';

/**
 * One file through the warehouse's loading rules; figures changed → event. The load and the reads of what
 * it loaded stay together as one write, so the event names the load's own Sozialräume and years.
 */
export async function importiere(
  d: Dienste,
  pfad: string,
  o: { benutzer: string; zuordnung?: Zuordnung; bereich?: Ladebereich },
): Promise<LadeErgebnis> {
  const { e, sozialraeume, jahre } = await d.schreiber.schreibe(async () => {
    const e = await ladeDatei(d.schreiber, pfad, { ...o, quarantaene: d.quarantaene });
    if (e.status !== 'geladen') return { e, sozialraeume: [], jahre: [] };
    // Who may hear of the load: the Sozialräume it touched and its sender.
    return {
      e,
      sozialraeume: await sozialraeumeDerLadung(d.schreiber, e.ladungId!),
      jahre: await jahreDerLadung(d.schreiber, e.ladungId!),
    };
  });
  // Announced after the write: what the listeners start (the pack's timer) must not run as part of it.
  if (e.status === 'geladen') {
    await d.geaendert('ladung', {
      datei: e.datei,
      art: e.art,
      zeilen: e.zeilen,
      ladungId: e.ladungId,
      sozialraeume,
      jahre,
      absender: e.absender,
    });
  }
  return e;
}
