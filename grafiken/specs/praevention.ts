import { EURO, euroText, zahl } from '../stil.ts';
import { ort, rahmen, zeitpunkt, type Dezimal, type Kontext, type Spezifikation } from './rahmen.ts';

/** What the prevention chart needs of a row: the work to one quarter end, the reallocations planned, the floor. */
export type PraeventionWert = {
  quartal: number;
  praevention_mindestens: Dezimal | null;
  mindestens_anteilig: Dezimal | null;
  ist_bis_stichtag: Dezimal | null;
  umschichtung: Dezimal | null;
};

const ARTEN = ['Ist (fallunspezifisch)', 'Umschichtung (geplant)'];

/** Chart 4: prevention and network work to each quarter end against the floor, pro rata and for the year. */
export function praeventionSpec(zeilen: readonly PraeventionWert[], k: Kontext): Spezifikation {
  const q = (z: PraeventionWert) => `Q${z.quartal} ${k.jahr}`;
  const saeulen = zeilen.flatMap((z) => [
    { quartal: q(z), art: ARTEN[0], stufe: 0, betrag: zahl(z.ist_bis_stichtag), text: euroText(z.ist_bis_stichtag) },
    { quartal: q(z), art: ARTEN[1], stufe: 1, betrag: zahl(z.umschichtung), text: euroText(z.umschichtung) },
  ]);
  const boden = zeilen.map((z) => ({
    quartal: q(z),
    mindestens: zahl(z.mindestens_anteilig),
    text: euroText(z.mindestens_anteilig),
  }));
  const jahr = zeilen[0] ? euroText(zeilen[0].praevention_mindestens) : '–';
  return rahmen(
    `Prävention und Netzwerk – ${ort(k)}`,
    [
      `Fallunspezifische Arbeit bis zum Quartalsende gegen den Mindestanteil · ${zeitpunkt(k)}`,
      `Roter Strich: Mindestanteil anteilig bis zum Quartal (Jahr: ${jahr})`,
    ],
    {
      width: 420,
      height: 300,
      encoding: { x: { field: 'quartal', type: 'nominal', title: null, axis: { labelAngle: 0 } } },
      layer: [
        {
          data: { values: saeulen },
          mark: { type: 'bar', width: { band: 0.55 } },
          encoding: {
            y: { field: 'betrag', type: 'quantitative', stack: 'zero', title: 'EUR', axis: { format: EURO } },
            color: {
              field: 'art',
              type: 'nominal',
              title: null,
              scale: { domain: ARTEN, range: ['#8e5ea2', '#c9b3d6'] },
            },
            order: { field: 'stufe', type: 'quantitative' },
            tooltip: [
              { field: 'quartal', title: 'Quartal' },
              { field: 'art', title: 'Art' },
              { field: 'text', title: 'Betrag' },
            ],
          },
        },
        {
          data: { values: boden },
          mark: { type: 'tick', color: '#c0392b', thickness: 3, bandSize: 60 },
          encoding: {
            y: { field: 'mindestens', type: 'quantitative' },
            tooltip: [{ field: 'text', title: 'Mindestanteil anteilig' }],
          },
        },
      ],
    },
  );
}
