import type { Zeile } from '../../warehouse/index.ts';
import { euro, html, zahl } from './format.ts';

const ERGEBNIS: Record<string, string> = {
  nachzahlung: 'Nachzahlung des Kreises',
  erstattung: 'Erstattung des Trägers',
  ausgeglichen: 'ausgeglichen',
};

function tabelle(zeilen: Zeile[]): string {
  const kopf = [
    'Träger',
    'Stellenjahre',
    'Personalkosten Pauschale',
    'Sachkosten Pauschale (nicht abgerechnet)',
    'Personalkosten Ist',
    'Differenz',
    'Ergebnis',
  ];
  const zahlen = [false, true, true, true, true, true, false];
  const th = kopf.map((k, i) => `<th${zahlen[i] ? ' class="zahl"' : ''}>${html(k)}</th>`).join('');
  const tr = zeilen
    .map((z) => {
      const gesamt = z.traeger === 'gesamt';
      const zellen = [
        gesamt ? 'Sozialraum gesamt' : String(z.traeger),
        zahl(z.stellenjahre),
        euro(z.personalkosten_pauschal),
        euro(z.sachkosten_pauschal),
        euro(z.personalkosten_ist),
        euro(z.differenz),
        z.art === null ? 'offen' : (ERGEBNIS[String(z.art)] ?? String(z.art)),
      ];
      return `<tr${gesamt ? ' class="gesamt"' : ''}>${zellen.map((c, i) => `<td${zahlen[i] ? ' class="zahl"' : ''}>${html(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table class="abrechnung"><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

function grundlage(g: Zeile | undefined): string {
  if (!g) return '';
  const zeilen: Array<[string, string]> = [
    ['Personalisiertes Finanzvolumen', euro(g.personalisiertes_finanzvolumen)],
    ['Stellenfaktor je Vollzeitstelle', euro(g.stellenfaktor)],
    [
      'Sach- und Overheadpauschale je Stelle',
      g.sachkostenpauschale === null ? 'nicht angegeben' : euro(g.sachkostenpauschale),
    ],
    ['Personalkostenanteil je Stelle', euro(g.personalkostenanteil)],
    ['Vertragszeitraum', g.vertragszeitraum === null ? '' : String(g.vertragszeitraum)],
  ];
  return `<table class="grundlage">${zeilen.map(([k, v]) => `<tr><td>${html(k)}</td><td class="zahl">${html(v)}</td></tr>`).join('')}</table>`;
}

function befundliste(befunde: Zeile[]): string {
  if (befunde.length === 0) return '<p>Keine offenen Punkte: die Abrechnung beruht auf vollständigen Daten.</p>';
  const li = befunde
    .map((b) => {
      const wer = [b.traeger, b.mitarbeiter].filter((x) => x !== null).join(', ');
      return `<li>${wer ? `${html(wer)}: ` : ''}${html(String(b.befund))}</li>`;
    })
    .join('\n');
  return `<p><strong>Vor der Unterschrift zu klären:</strong></p><ul class="befunde">\n${li}\n</ul>`;
}

function unterschrift(fuer: string): string {
  return `<div class="unterschrift"><div>${html(fuer)}</div><div class="linie">Ort, Datum, Unterschrift</div></div>`;
}

/** One printed sheet: a Sozialraum's settlement, what is open, and a signature line per party. */
export function seite(
  jahr: number,
  sozialraum: string,
  zeilen: Zeile[],
  befunde: Zeile[],
  g: Zeile | undefined,
  stand: string,
): string {
  const name = g ? String(g.langname) : sozialraum;
  const traeger = zeilen.filter((z) => z.traeger !== 'gesamt').map((z) => String(z.traeger));
  return `<section class="seite">
<header><div class="kreis">Landkreis Trier-Saarburg · Jugendamt · Sozialraumorientierte Jugendhilfe</div>
<h1>Spitzabrechnung ${jahr}</h1>
<h2>${html(name)}${g?.sozialraumzentrum ? ` · ${html(String(g.sozialraumzentrum))}` : ''}</h2></header>
${grundlage(g)}
<h3>Abrechnung je Träger</h3>
${tabelle(zeilen)}
<p class="hinweis">Personalkosten Pauschale = personalisiertes Finanzvolumen × Personalkostenanteil ÷ Stellenfaktor, auf den Cent;
auf die Träger verteilt nach Stellenjahren laut Personalliste (Stellenumfang × aktive Tage ÷ Tage des Jahres), Restcents nach größtem Rest.
Differenz = Ist − Pauschale: positiv zahlt der Kreis nach, negativ erstattet der Träger.</p>
<h3>Offene Punkte</h3>
${befundliste(befunde)}
<div class="unterschriften">
${[unterschrift('Für den Landkreis Trier-Saarburg (Jugendamt)'), ...traeger.map((t) => unterschrift(`Für den Träger ${t}`))].join('\n')}
</div>
<footer>Stand ${html(stand)} · erstellt mit Sozialraum-Controlling</footer>
</section>`;
}
