import { EURO, euroText, zahl } from '../stil.ts';
import { ort, rahmen, zeitpunkt, type Dezimal, type Kontext, type Spezifikation } from './rahmen.ts';

/** What the trend chart needs of a row: one year's use ('Ist' or 'Hochrechnung') and Gesamtfinanzvolumen. */
export type TrendWert = { jahr: number; art: string; verbrauch: Dezimal | null; gesamtfinanzvolumen: Dezimal | null };

/** County: total use per year (the current year as Hochrechnung) against the Gesamtfinanzvolumen. */
export function trendSpec(zeilen: readonly TrendWert[], k: Kontext): Spezifikation {
  const werte = zeilen.map((z) => ({
    jahr: String(z.jahr),
    art: z.art,
    verbrauch: zahl(z.verbrauch),
    gfv: zahl(z.gesamtfinanzvolumen),
    verbrauchText: euroText(z.verbrauch),
    gfvText: euroText(z.gesamtfinanzvolumen),
  }));
  const tooltip = [
    { field: 'jahr', title: 'Jahr' },
    { field: 'verbrauchText', title: 'Verbrauch' },
    { field: 'art', title: 'Art' },
    { field: 'gfvText', title: 'Gesamtfinanzvolumen' },
  ];
  return rahmen(
    `Verbrauch und Gesamtfinanzvolumen – ${ort(k)}`,
    [
      `Mehrjahresverlauf bis ${k.jahr}; ${k.jahr} als Hochrechnung zum ${zeitpunkt(k)}`,
      'Säulen: Verbrauch aller Töpfe · Linie: Gesamtfinanzvolumen',
    ],
    {
      data: { values: werte },
      width: 620,
      height: 320,
      encoding: { x: { field: 'jahr', type: 'ordinal', title: null, axis: { labelAngle: 0 } } },
      layer: [
        {
          mark: { type: 'bar', width: { band: 0.6 } },
          encoding: {
            y: { field: 'verbrauch', type: 'quantitative', title: 'EUR', axis: { format: EURO } },
            color: {
              field: 'art',
              type: 'nominal',
              title: null,
              scale: { domain: ['Ist', 'Hochrechnung'], range: ['#1f5f8b', '#9fbfd6'] },
            },
            tooltip,
          },
        },
        {
          mark: { type: 'line', color: '#1a1a1a', strokeWidth: 2, point: { color: '#1a1a1a', size: 36 } },
          encoding: { y: { field: 'gfv', type: 'quantitative' }, tooltip },
        },
      ],
    },
  );
}
