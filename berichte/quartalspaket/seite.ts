import { STATUS_FARBE, STATUS_NAME } from '../../grafiken/index.ts';
import { deutscheZahl, euro, html, type Zeile } from '../../warehouse/index.ts';

export interface Bild { datei: string; titel: string; svg: string }

/** One chart with its sources: the SVG inline (the page is whole on its own and prints sharp), links to the files. */
export function abbildung(b: Bild): string {
  const links = ['png', 'csv', 'vl.json'].map((e) => `<a href="${html(b.datei)}.${e}">${e === 'vl.json' ? 'Vega-Lite' : e.toUpperCase()}</a>`).join(' · ');
  return `<figure id="${html(b.datei)}">${b.svg.replace(/^<\?xml[^>]*>/, '')}<figcaption>${html(b.titel)} · ${links}</figcaption></figure>`;
}

/** The county's overview: each Sozialraum's total at the quarter end. */
export function uebersicht(zeilen: Zeile[]): string {
  const kopf = '<tr><th>Sozialraum</th><th class="zahl">Budget</th><th class="zahl">Hochrechnung</th><th class="zahl">Abweichung</th><th class="zahl">%</th><th>Status</th></tr>';
  const reihen = zeilen.map((z) => {
    const text = STATUS_NAME[String(z.status)] ?? String(z.status);
    const farbe = STATUS_FARBE[String(z.status)] ?? '#999';
    return `<tr><td>${html(String(z.name))}</td><td class="zahl">${euro(z.budget)}</td><td class="zahl">${euro(z.hochrechnung)}</td>`
      + `<td class="zahl">${euro(z.abweichung)}</td><td class="zahl">${z.abweichung_prozent === null ? '' : deutscheZahl(String(z.abweichung_prozent))}</td>`
      + `<td><span class="status" style="background:${farbe}"></span>${html(text)}</td></tr>`;
  });
  return `<table>${kopf}${reihen.join('')}</table>`;
}

const THEMA: Record<string, string> = {
  kontrakt: 'Kontrakte', zeichnung: 'ASD-Zeichnung', personal: 'Personal', abrechnung: 'Spitzabrechnung', buchung_ohne_budget: 'Buchungen ohne Budget',
};

/** The open points per Sozialraum: theme, rule, how many, what to do; a note where counts are suppressed. */
export function offenePunkte(zeilen: Zeile[]): string {
  if (zeilen.length === 0) return '<p>Keine offenen Punkte: Kontrakte, Personal, Abrechnung und Buchungen sind vollständig.</p>';
  const kopf = '<tr><th>Sozialraum</th><th>Thema</th><th>Regel</th><th class="zahl">Anzahl</th><th>Maßnahme</th></tr>';
  const reihen = zeilen.map((z) => `<tr><td>${html(String(z.sozialraum_name))}</td><td>${html(THEMA[String(z.thema)] ?? String(z.thema))}</td>`
    + `<td>${html(String(z.regel).replaceAll('_', ' '))}</td><td class="zahl">${html(String(z.anzahl_text))}</td><td>${html(String(z.massnahme))}</td></tr>`);
  const hinweis = zeilen.some((z) => z.unterdrueckt === true)
    ? '<p class="hinweis">Anzahlen von Kontrakten unter 3 stehen als „&lt;3“ (Schutz kleiner Fallzahlen, Einstellung kleinste_fallzahl); eine Summe wird nicht gebildet.</p>'
    : '';
  return `<table>${kopf}${reihen.join('')}</table>${hinweis}`;
}
