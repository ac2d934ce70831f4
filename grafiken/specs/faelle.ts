import { istVerdeckt } from '../../format/index.ts';
import { ort, rahmen, zeitpunkt, type Kontext, type Spezifikation, type Zeile } from './rahmen.ts';

/** "0.98" → "0,98"; a hidden value stays „<3“. */
const text = (w: unknown) => (w === null || w === undefined ? '–' : String(w).replace('.', ','));

/** The chart's note (docs/regeln.md §9) when it shows a hidden count. */
function verdecktHinweis(zeilen: readonly Zeile[]): string[] {
  const verdeckt = zeilen.find((z) => istVerdeckt(z.faelle));
  if (!verdeckt) return [];
  const k = String(verdeckt.faelle).slice(1);
  return [
    `„<${k}“: weniger als ${k} Fälle, oder verdeckt, damit sich keine kleine Zahl aus den Summen errechnen lässt (Schutz kleiner Fallzahlen, Einstellung kleinste_fallzahl = ${k})`,
  ];
}

/**
 * Per Sozialraum: cases by Hilfeart in the quarter, this year against the same quarter of last year, with
 * the rate per 1.000 residents under 21 (docs/regeln.md §8). Rows of view fachcontrolling as protected (§9):
 * a hidden count has no bar and reads „<3“; the caption says why.
 */
export function faelleSpec(zeilen: readonly Zeile[], k: Kontext): Spezifikation {
  const hilfearten = zeilen.filter((z) => z.hilfeart !== 'gesamt');
  const werte = hilfearten.map((z) => ({
    hilfeart: String(z.hilfeart),
    jahr: String(z.jahr),
    faelle: istVerdeckt(z.faelle) ? null : Number(z.faelle),
    // a hidden count has no bar; its label „<3“ stands at 0
    position: istVerdeckt(z.faelle) ? 0 : Number(z.faelle),
    beschriftung: `${text(z.faelle)}${Number(z.jahr) === k.jahr && z.eckwert !== null && !istVerdeckt(z.eckwert) ? ` · ${text(z.eckwert)} je 1.000` : ''}`,
  }));
  const gesamt = (jahr: number) => zeilen.find((z) => z.hilfeart === 'gesamt' && Number(z.jahr) === jahr);
  const summe = (jahr: number) => {
    const g = gesamt(jahr);
    return g
      ? `${jahr}: ${text(g.faelle)} Fälle (${text(g.eckwert)} je 1.000 Einwohner unter 21)`
      : `${jahr}: keine Zahlen`;
  };
  return rahmen(
    `Fälle nach Hilfeart – ${ort(k)}`,
    [
      `Verschiedene Fälle mit Kontrakt des Jugendamts im ${k.quartal}. Quartal, ${k.jahr} gegen ${k.jahr - 1} · ${zeitpunkt(k)}`,
      `${summe(k.jahr)} · ${summe(k.jahr - 1)}`,
      ...verdecktHinweis(zeilen),
    ],
    {
      data: { values: werte },
      width: 520,
      height: { step: 14 },
      encoding: {
        y: { field: 'hilfeart', type: 'nominal', title: null, sort: 'ascending' },
        yOffset: { field: 'jahr', type: 'nominal', sort: 'ascending' },
      },
      layer: [
        {
          mark: { type: 'bar', color: '#1f5f8b' },
          encoding: {
            x: { field: 'faelle', type: 'quantitative', title: 'Fälle', axis: { format: 'd', tickMinStep: 1 } },
            opacity: {
              field: 'jahr',
              type: 'ordinal',
              title: 'Jahr',
              scale: { domain: [String(k.jahr - 1), String(k.jahr)], range: [0.4, 1] },
            },
            tooltip: [
              { field: 'hilfeart', title: 'Hilfeart' },
              { field: 'jahr', title: 'Jahr' },
              { field: 'beschriftung', title: 'Fälle' },
            ],
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#333' },
          encoding: { x: { field: 'position', type: 'quantitative' }, text: { field: 'beschriftung' } },
        },
      ],
    },
  );
}
