import { STATUS_FARBE, STATUS_NAME } from '../../grafiken/index.ts';
import { deutscheZahl, euro, html } from '../../format/index.ts';
import type { grafikdaten, Zeile } from '../../warehouse/index.ts';

export interface Bild {
  datei: string;
  titel: string;
  svg: string;
}

/** One chart with its sources: the SVG inline (the page is whole on its own and prints sharp), links to the files. */
export function abbildung(b: Bild): string {
  const links = ['png', 'csv', 'vl.json']
    .map((e) => `<a href="${html(b.datei)}.${e}">${e === 'vl.json' ? 'Vega-Lite' : e.toUpperCase()}</a>`)
    .join(' · ');
  return `<figure id="${html(b.datei)}">${b.svg.replace(/^<\?xml[^>]*>/, '')}<figcaption>${html(b.titel)} · ${links}</figcaption></figure>`;
}

/** The county's overview: each Sozialraum's total at the quarter end. */
export function uebersicht(zeilen: readonly grafikdaten.PaketSozialraumZeile[]): string {
  const kopf =
    '<tr><th>Sozialraum</th><th class="zahl">Budget</th><th class="zahl">Hochrechnung</th><th class="zahl">Abweichung</th><th class="zahl">%</th><th>Status</th></tr>';
  const reihen = zeilen.map((z) => {
    const text = STATUS_NAME[z.status] ?? z.status;
    const farbe = STATUS_FARBE[z.status] ?? '#999';
    return (
      `<tr><td>${html(z.name)}</td><td class="zahl">${euro(z.budget)}</td><td class="zahl">${euro(z.hochrechnung)}</td>` +
      `<td class="zahl">${euro(z.abweichung)}</td><td class="zahl">${z.abweichung_prozent === null ? '' : deutscheZahl(z.abweichung_prozent)}</td>` +
      `<td><span class="status" style="background:${farbe}"></span>${html(text)}</td></tr>`
    );
  });
  return `<table>${kopf}${reihen.join('')}</table>`;
}

const THEMA: Record<string, string> = {
  kontrakt: 'Kontrakte',
  zeichnung: 'ASD-Zeichnung',
  personal: 'Personal',
  abrechnung: 'Spitzabrechnung',
  buchung_ohne_budget: 'Buchungen ohne Budget',
};

/** The open points per Sozialraum: theme, rule, how many, what to do; a note where counts are suppressed. */
export function offenePunkte(zeilen: readonly grafikdaten.PaketBefundZeile[]): string {
  if (zeilen.length === 0)
    return '<p>Keine offenen Punkte: Kontrakte, Personal, Abrechnung und Buchungen sind vollständig.</p>';
  const kopf = '<tr><th>Sozialraum</th><th>Thema</th><th>Regel</th><th class="zahl">Anzahl</th><th>Maßnahme</th></tr>';
  const reihen = zeilen.map(
    (z) =>
      `<tr><td>${html(z.sozialraum_name)}</td><td>${html(THEMA[z.thema] ?? z.thema)}</td>` +
      `<td>${html(z.regel.replaceAll('_', ' '))}</td><td class="zahl">${html(z.anzahl_text)}</td><td>${html(String(z.massnahme))}</td></tr>`,
  );
  const hinweis = zeilen.some((z) => z.unterdrueckt === true)
    ? '<p class="hinweis">Anzahlen von Kontrakten unter 3 stehen als „&lt;3“ (Schutz kleiner Fallzahlen, Einstellung kleinste_fallzahl); eine Summe wird nicht gebildet.</p>'
    : '';
  return `<table>${kopf}${reihen.join('')}</table>${hinweis}`;
}

/** A figure of view fachcontrolling in German notation; „<3“ stays, none is a dash. */
const fz = (w: unknown, einheit = '') =>
  w === null || w === undefined ? '–' : `${html(deutscheZahl(String(w)))}${/^</.test(String(w)) ? '' : einheit}`;

/**
 * The Wirkungskontrolle (docs/regeln.md §8) of the year to the quarter end: per Sozialraum, the county, and
 * the county per Hilfeart; protected rows (§9) with the note under the table.
 */
export function wirkungskontrolle(
  zeilen: Zeile[],
  hinweis: string | null,
  namen: Map<string, string>,
  stichtag: string,
): string {
  const gesamt = zeilen
    .filter((z) => z.hilfeart === 'gesamt')
    .sort((a, b) => Number(a.sozialraum === 'gesamt') - Number(b.sozialraum === 'gesamt'));
  const hilfearten = zeilen.filter((z) => z.sozialraum === 'gesamt' && z.hilfeart !== 'gesamt');
  if (gesamt.length === 0) return '<p>Für dieses Jahr gibt es noch keine Kontrakte des Jugendamts.</p>';
  const kopf = (erste: string) =>
    `<tr><th>${erste}</th><th class="zahl">Fälle</th><th class="zahl">je 1.000</th><th class="zahl">beendet</th><th class="zahl">Dauer Median (Monate)</th>` +
    '<th class="zahl">planmäßig beendet</th><th class="zahl">Ziel erreicht</th><th class="zahl">teilweise</th><th class="zahl">nicht erreicht</th><th class="zahl">Wiederaufnahme (12 Monate)</th></tr>';
  const reihe = (name: string, z: Zeile) =>
    `<tr><td>${html(name)}</td><td class="zahl">${fz(z.faelle)}</td><td class="zahl">${fz(z.eckwert)}</td>` +
    `<td class="zahl">${fz(z.beendete_hilfen)}</td><td class="zahl">${fz(z.hilfedauer_median_monate)}</td><td class="zahl">${fz(z.anteil_planmaessig, ' %')}</td>` +
    `<td class="zahl">${fz(z.anteil_erreicht, ' %')}</td><td class="zahl">${fz(z.anteil_teilweise, ' %')}</td><td class="zahl">${fz(z.anteil_nicht_erreicht, ' %')}</td>` +
    `<td class="zahl">${fz(z.anteil_wiederaufnahme, ' %')}</td></tr>`;
  const erklaerung =
    `<p class="hinweis">1. Januar bis ${html(stichtag)}, aus den Kontrakten des Jugendamts: Fälle mit einem Kontrakt im Zeitraum; je 1.000 Einwohner unter 21 ` +
    '(Stand 31.12. des Vorjahres); Anteile beendeter Hilfen unter denen mit Beendigungsgrund bzw. Zielbewertung; Wiederaufnahme: ein neuer Kontrakt desselben Falls binnen 12 Monaten nach dem Ende (kann noch steigen).</p>';
  return (
    `<table>${kopf('Sozialraum')}${gesamt.map((z) => reihe(z.sozialraum === 'gesamt' ? 'Landkreis' : (namen.get(String(z.sozialraum)) ?? String(z.sozialraum)), z)).join('')}</table>` +
    `<table>${kopf('Hilfeart (Landkreis)')}${hilfearten.map((z) => reihe(String(z.hilfeart), z)).join('')}</table>` +
    erklaerung +
    (hinweis ? `<p class="hinweis">${html(hinweis)}</p>` : '')
  );
}
