import { abweichungEbenen, abweichungWerte, LEGENDE_ABWEICHUNG, type AbweichungWert } from './abweichung.ts';
import { rahmen, zeitpunkt, type Kontext, type Spezifikation } from './rahmen.ts';

/** County: the Sozialräume's quarter-end variance side by side (small multiples on one scale). */
export function sozialraeumeSpec(zeilen: readonly AbweichungWert[], k: Kontext): Spezifikation {
  return rahmen('Abweichung zum Quartalsende – die Sozialräume im Vergleich', [zeitpunkt(k), LEGENDE_ABWEICHUNG], {
    data: { values: abweichungWerte(zeilen) },
    facet: { field: 'sozialraum', type: 'nominal', title: null, header: { labelAnchor: 'start' } },
    columns: 2,
    spec: abweichungEbenen(300),
  });
}
