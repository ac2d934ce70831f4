// One reallocation decision in the demo county (docs/regeln.md §5), recorded the way a controller records
// it, so that the demo shows an Umschichtung beside the proposals. Once per year: a second demo
// run finds it and records nothing.

import { kennzahl, schreibeUmschichtung, type Warehouse } from '../warehouse/index.ts';

/** Returns the id of the recorded Umschichtung, or null when there is nothing (left) to record. */
export async function erfasseDemoUmschichtung(wh: Warehouse, bis: string): Promise<number | null> {
  const jahr = Number(bis.slice(0, 4));
  // Only a year that is still running is steered; one decision per year.
  if (jahr < new Date().getFullYear()) return null;
  if ((await kennzahl(wh, 'umschichtungen', { jahr }, 'true')).zeilen.length > 0) return null;
  const vorschlaege = (await kennzahl(wh, 'umschichtung_vorschlag', { jahr }, 'true')).zeilen;
  const letztesQuartal = Math.max(...vorschlaege.map((v) => Number(v.quartal)));
  // The Sozialraum with the most free funds at the latest quarter end, and a round quarter of its
  // proposal: enough to show the reallocation, not so much that its status moves.
  const [z] = vorschlaege
    .filter((v) => Number(v.quartal) === letztesQuartal)
    .sort(
      (a, b) => Number(b.vorschlag) - Number(a.vorschlag) || String(a.sozialraum).localeCompare(String(b.sozialraum)),
    );
  if (!z) return null;
  const euro = BigInt(String(z.vorschlag).split('.')[0]!);
  const { umschichtung_id } = await schreibeUmschichtung(wh, {
    jahr,
    sozialraum: String(z.sozialraum),
    topf: 'variabel',
    betrag: `${(euro / 4000n) * 1000n}.00`,
    gremium: 'Lenkungsgruppe',
    beschlussdatum: bis,
    kommentar: 'Freie Mittel in Präventionsangebote: Elterncafé und offene Sprechstunde an Grundschulen',
    ueberschreitung_begruendung: null,
    autor: 'demo',
  });
  return umschichtung_id;
}
