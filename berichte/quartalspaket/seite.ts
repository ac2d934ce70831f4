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
