import { existsSync } from 'node:fs';
import { ablageIm } from '../ingest/ablage.ts';
import { sozialraeumeDerLadung } from '../ingest/index.ts';
import type { Warehouse } from '../verbindung.ts';

/** The kept file of a load: its name as delivered, where it lies (null: not kept or gone), the Sozialräume its rows fill. */
export interface LadungsDatei {
  ladung_id: number;
  dateiname: string;
  pfad: string | null;
  sozialraeume: string[];
}

export async function dateiDerLadung(wh: Warehouse, ladungId: number): Promise<LadungsDatei | null> {
  const [l] = await wh.abfrage(
    `SELECT dateiname, ablage, inhalt_hash FROM ladung WHERE ladung_id = $l AND status = 'geladen'`,
    {
      l: ladungId,
    },
  );
  if (!l) return null;
  const ort = typeof l.ablage === 'string' ? ablageIm(wh, l.ablage, String(l.inhalt_hash)) : null;
  const pfad = ort !== null && existsSync(ort) ? ort : null;
  return {
    ladung_id: ladungId,
    dateiname: String(l.dateiname),
    pfad,
    sozialraeume: await sozialraeumeDerLadung(wh, ladungId),
  };
}
