import type { Client } from '../api/index.ts';
import type { Blattinhalt } from '../excel/index.ts';
import { gewaehlt, json } from './abruf.ts';
import type { Auswahl } from './auswahl.ts';
import { BLAETTER } from './blaetter.ts';

/**
 * The year whose settlement the pull shows: a settlement exists only for a finished year, so in the
 * running year it is the year before (in 2026 the 2025 settlement), and for a finished year chosen
 * in the pane that year itself, the one a controller looking back at it signs off.
 */
export const abrechnungsjahr = (jahr: number, jetzt: Date): number => Math.min(jahr, jetzt.getFullYear() - 1);

/** Sheet Jahresabrechnung: the settlement, and under it what blocks a clean one. */
export async function holeJahresabrechnung(c: Client, a: Auswahl, jetzt: Date): Promise<Blattinhalt[]> {
  const jahr = abrechnungsjahr(a.jahr, jetzt);
  const query = { jahr: String(jahr) };
  const [abrechnung, befunde] = await Promise.all([
    json(c.api.v1.jahresabrechnung.$get({ query })),
    json(c.api.v1.jahresabrechnung.befunde.$get({ query })),
  ]);
  return [
    {
      ...BLAETTER.jahresabrechnung,
      titel: `Jahresabrechnung ${jahr}: Spitzabrechnung des personalisierten Finanzvolumens`,
      zeilen: gewaehlt(a, abrechnung.zeilen),
    },
    {
      ...BLAETTER.abrechnungsbefunde,
      titel: `Offene Punkte der Jahresabrechnung ${jahr}`,
      zeilen: gewaehlt(a, befunde.zeilen),
    },
  ];
}

/** Sheet Umschichtungen: the recorded decisions of the chosen year, and under them the proposals. */
export async function holeUmschichtungen(c: Client, a: Auswahl): Promise<Blattinhalt[]> {
  const query = { jahr: String(a.jahr) };
  const [erfasst, vorschlaege] = await Promise.all([
    json(c.api.v1.umschichtungen.$get({ query })),
    json(c.api.v1.umschichtungen.vorschlag.$get({ query })),
  ]);
  return [
    {
      ...BLAETTER.umschichtungen,
      titel: `Umschichtungen in die Prävention ${a.jahr}`,
      zeilen: gewaehlt(a, erfasst.zeilen),
    },
    {
      ...BLAETTER.umschichtungsvorschlaege,
      titel: `Umschichtungsvorschläge ${a.jahr}: freie Mittel zum Quartalsende`,
      zeilen: gewaehlt(a, vorschlaege.zeilen),
    },
  ];
}
