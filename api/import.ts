import { ladeDatei, type LadeErgebnis, type Zuordnung } from '../warehouse/index.ts';
import type { Dienste } from './dienste.ts';

/** One file through the warehouse's loading rules, under the writer's lock; figures changed → event. */
export async function importiere(d: Dienste, pfad: string, o: { benutzer: string; zuordnung?: Zuordnung; nurAbsender?: string }): Promise<LadeErgebnis> {
  const e = await d.sperre.exklusiv(() => ladeDatei(d.schreiber, pfad, { ...o, quarantaene: d.quarantaene }));
  if (e.status === 'geladen') d.geaendert('ladung', { datei: e.datei, art: e.art, zeilen: e.zeilen, ladungId: e.ladungId });
  return e;
}
