import { deutscheZahl } from '../../warehouse/index.ts';

/** Text into HTML: nothing a file delivered can become markup. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (z) => `&#${z.charCodeAt(0)};`);
}

/** "1234.5" -> "1.234,50 €"; empty when unknown. */
export function euro(betrag: unknown): string {
  if (betrag === null || betrag === undefined) return '';
  const [ganz, nachkomma = ''] = String(betrag).split('.');
  return `${deutscheZahl(`${ganz}.${nachkomma.padEnd(2, '0')}`)} €`;
}

export function zahl(wert: unknown): string {
  return wert === null || wert === undefined ? '' : deutscheZahl(String(wert));
}

/** JJJJ-MM-TT -> TT.MM.JJJJ */
export function datum(iso: string): string {
  const [j, m, t] = iso.slice(0, 10).split('-');
  return `${t}.${m}.${j}`;
}
