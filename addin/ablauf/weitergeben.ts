import { alsWerteKopieren, srbBlaetter } from '../excel/index.ts';
import { zeitpunkt } from './auswahl.ts';

/**
 * Als Werte weitergeben: value copies of the chosen sheets (null: every sheet with SRB tables or
 * formulas), stamped with when, where from and by whom. Returns the copies' names.
 */
export async function alsWerteWeitergeben(
  blaetter: string[] | null,
  benutzer: string,
  jetzt = new Date(),
): Promise<string[]> {
  const namen = blaetter ?? (await srbBlaetter()).map((b) => b.blatt);
  if (namen.length === 0) return [];
  return await alsWerteKopieren(namen, `Stand: ${zeitpunkt(jetzt)}, Quelle: Sozialraum-Controlling, ${benutzer}`);
}
