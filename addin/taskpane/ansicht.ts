import type { Konflikt } from '../ablauf/index.ts';
import { MONATE, type Blattinhalt } from '../excel/index.ts';
import type { Texte } from './texte.ts';

// Everything goes in as textContent: text from the warehouse is never markup.

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  klasse?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (klasse) e.className = klasse;
  return e;
}

export function beschrifte(t: Texte): void {
  for (const e of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const wert = t[e.dataset.text as keyof Texte];
    if (typeof wert === 'string') e.textContent = wert;
  }
  $('titel').textContent = t.titel;
}

export function status(text: string, art: 'ok' | 'fehler' | 'laeuft' = 'ok'): void {
  const s = $('status');
  s.textContent = text;
  s.className = art;
}

/** The progress bar under the buttons: step n of `von`, hidden with null. */
export function fortschritt(schritt: number | null, von = 1): void {
  const p = $<HTMLProgressElement>('fortschritt');
  p.hidden = schritt === null;
  p.max = von;
  p.value = schritt ?? 0;
}

/** The sheets that can be shared as values, each a checkbox (all ticked). */
export function zeigeWeitergabeBlaetter(blaetter: string[]): void {
  const feld = $('weitergabe-blaetter');
  feld.replaceChildren(
    feld.querySelector('legend')!,
    ...blaetter.map((b) => {
      const l = element('label');
      const i = element('input');
      i.type = 'checkbox';
      i.value = b;
      i.checked = true;
      l.append(i, ` ${b}`);
      return l;
    }),
  );
  feld.hidden = blaetter.length === 0;
}

export function liste(zeilen: string[]): void {
  $('aenderungen').replaceChildren(...zeilen.map((z) => element('li', z)));
}

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const zahl = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

function zelltext(wert: unknown, art: string): string {
  if (wert === null || wert === undefined) return '';
  // „<3“ of the small-number protection (docs/regeln.md §9) is no number to format
  if (art !== 'text' && art !== 'datum' && art !== 'wahr' && !Number.isFinite(Number(wert))) return String(wert);
  if (art === 'betrag') return euro.format(Number(wert));
  if (art === 'zahl') return zahl.format(Number(wert));
  if (art === 'datum') return String(wert).replace(/^(\d{4})-(\d{2})-(\d{2}).*/, '$3.$2.$1');
  if (art === 'wahr') return wert ? 'ja' : 'nein';
  return String(wert);
}

/** The web view: each pulled sheet as an HTML table. */
export function zeigeTabellen(inhalte: Blattinhalt[]): void {
  const ziel = $('webansicht');
  ziel.replaceChildren(
    ...inhalte.flatMap((i) => {
      const tabelle = element('table');
      tabelle.dataset.blatt = i.blatt;
      tabelle.dataset.tabelle = i.tabelle;
      const kopf = element('tr');
      kopf.append(...i.spalten.map((s) => element('th', s.titel)));
      tabelle.append(
        kopf,
        ...i.zeilen.map((z) => {
          const tr = element('tr');
          tr.append(
            ...i.spalten.map((s) => element('td', zelltext(z[s.name], s.art), s.art === 'text' ? undefined : 'zahl')),
          );
          return tr;
        }),
      );
      return [
        element(i.teil ? 'h3' : 'h2', i.titel),
        tabelle,
        ...(i.hinweis ? [element('p', i.hinweis, 'hinweis')] : []),
      ];
    }),
  );
}

/** The web view's charts, as images of the SVG the API sent. */
export function zeigeGrafiken(grafiken: Array<{ name: string; svg: string }>): void {
  $('webansicht')
    .querySelectorAll('img')
    .forEach((i) => i.remove());
  $('webansicht').prepend(
    ...grafiken.map((g) => {
      const img = element('img');
      img.alt = g.name;
      img.dataset.grafik = g.name;
      img.src = URL.createObjectURL(new Blob([g.svg], { type: 'image/svg+xml' }));
      return img;
    }),
  );
}

/** Whose version is in the way and which cells differ; the user decides. */
export function zeigeKonflikt(k: Konflikt, t: Texte, neuLaden: () => void, ueberschreiben: () => void): void {
  const box = $('konflikt');
  const tabelle = element('table');
  const kopf = element('tr');
  kopf.append(element('th', t.topf), element('th', t.monat), element('th', t.basis), element('th', t.aktuell));
  tabelle.append(
    kopf,
    ...k.zellen.map((z) => {
      const tr = element('tr');
      tr.append(
        element('td', z.topf),
        element('td', MONATE[z.monat - 1]),
        element('td', zelltext(z.basis, 'betrag'), 'zahl'),
        element('td', zelltext(z.aktuell, 'betrag'), 'zahl'),
      );
      return tr;
    }),
  );
  const neu = element('button', t.neuLaden);
  neu.id = 'neu-laden';
  neu.onclick = () => {
    box.hidden = true;
    neuLaden();
  };
  const ueber = element('button', t.ueberschreiben);
  ueber.id = 'ueberschreiben';
  ueber.onclick = () => {
    box.hidden = true;
    ueberschreiben();
  };
  box.replaceChildren(
    element('h2', t.konflikt),
    element('p', k.meldung),
    element('p', t.konfliktZellen),
    tabelle,
    neu,
    ueber,
  );
  box.hidden = false;
}
