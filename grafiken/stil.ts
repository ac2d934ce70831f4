import type { Config } from 'vega-lite';
import { euro } from '../format/index.ts';

// One look for every chart of the pack, the API and the add-in: the same colour for the same Topf
// and status everywhere, German number and date formats inside the spec itself (so that a .vl.json
// renders German in any Vega-Lite tool), and the font that ships with the product.

export const SCHRIFT = 'Source Sans 3';
// SVGs also land in Excel and browsers, which do not have the font: they fall back to a sans-serif.
const SCHRIFTEN = `'${SCHRIFT}', 'Segoe UI', Arial, sans-serif`;

export const TOEPFE = ['personalisiert', 'variabel', 'asd', 'gesamt'] as const;
export const TOPF_NAME: Record<string, string> = {
  personalisiert: 'Personalisiert (Team)',
  variabel: 'Variabel',
  asd: 'ASD',
  gesamt: 'Gesamt',
};
export const TOPF_FARBE: Record<string, string> = {
  personalisiert: '#1f5f8b',
  variabel: '#d9822b',
  asd: '#5a8f3c',
  gesamt: '#4a4a4a',
};

export const STATUS = ['nicht_auskoemmlich', 'knapp', 'im_rahmen', 'freie_mittel'] as const;
export const STATUS_NAME: Record<string, string> = {
  nicht_auskoemmlich: 'nicht auskömmlich',
  knapp: 'knapp',
  im_rahmen: 'im Rahmen',
  freie_mittel: 'freie Mittel',
};
export const STATUS_FARBE: Record<string, string> = {
  nicht_auskoemmlich: '#c0392b',
  knapp: '#e0a100',
  im_rahmen: '#3a8d5c',
  freie_mittel: '#2f7fc1',
};

export const SEGMENT_FARBE: Record<string, string> = {
  fallspezifisch: '#1f5f8b',
  fallbezogen: '#7aa6c2',
  fallunspezifisch: '#8e5ea2',
};

export const MONATE: [string, string, string, string, string, string, string, string, string, string, string, string] =
  ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'];

/** Vega's d3-format spec for euros without cents, with the German locale of the config: "1.234.567 €". */
export const EURO = '$,.0f';
export const STUNDEN = ',.0f';

export const KONFIGURATION: Config = {
  font: SCHRIFTEN,
  background: 'white',
  padding: 16,
  locale: {
    number: { decimal: ',', thousands: '.', grouping: [3], currency: ['', '\u00a0€'] },
    time: {
      dateTime: '%A, %e. %B %Y, %X',
      date: '%d.%m.%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
      shortDays: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'],
      months: [
        'Januar',
        'Februar',
        'März',
        'April',
        'Mai',
        'Juni',
        'Juli',
        'August',
        'September',
        'Oktober',
        'November',
        'Dezember',
      ],
      shortMonths: MONATE,
    },
  },
  title: { fontSize: 17, fontWeight: 600, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#555', offset: 12 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: '#333',
    titleColor: '#333',
    gridColor: '#e6e6e6',
    domainColor: '#999',
    tickColor: '#999',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 600, orient: 'bottom', direction: 'horizontal' },
  header: { labelFontSize: 13, labelFontWeight: 600, titleFontSize: 13 },
  view: { stroke: null },
};

/** A colour scale over fixed domains, so that a Topf or status keeps its colour whatever rows there are. */
export function farbskala(
  farben: Record<string, string>,
  reihenfolge: readonly string[],
  namen: Record<string, string>,
) {
  return { domain: reihenfolge.map((k) => namen[k] ?? k), range: reihenfolge.map((k) => farben[k]!) };
}

/** Exact decimal text from the warehouse as a number for plotting only (labels use the CSV's exact text). */
export function zahl(wert: unknown): number | null {
  return wert === null || wert === undefined ? null : Number(wert);
}

/** An exact decimal text from the warehouse in German notation ("-1.234,50 €"); a dash when unknown. */
export function euroText(wert: unknown): string {
  return euro(wert) || '–';
}
