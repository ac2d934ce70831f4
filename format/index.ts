// German presentation of figures, one module for every output: the warehouse's CSV, the terminal, the
// reports' HTML and the charts' labels. A leaf (imports nothing of ours), so that each of them can use it
// without depending on the others. Decimals arrive as strings from DuckDB and are formatted as strings,
// so no amount ever passes through a binary float.

/** "1234567.5" -> "1.234.567,5" */
export function deutscheZahl(dezimal: string): string {
  const negativ = dezimal.startsWith('-');
  const [ganz, nachkomma] = (negativ ? dezimal.slice(1) : dezimal).split('.');
  const gruppiert = ganz!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (negativ ? '-' : '') + gruppiert + (nachkomma !== undefined ? ',' + nachkomma : '');
}

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is made inert. */
export function alsText(wert: string): string {
  return /^[=+\-@\t\r]/.test(wert) ? `'${wert}` : wert;
}

export function csvFeld(wert: string, trennzeichen: string): string {
  return wert.includes(trennzeichen) || /["\n\r]/.test(wert) ? `"${wert.replace(/"/g, '""')}"` : wert;
}

/** "1234.5" -> "1.234,50 €" (exact, from the decimal text); empty when unknown. */
export function euro(betrag: unknown): string {
  if (betrag === null || betrag === undefined) return '';
  const [ganz, nachkomma = ''] = String(betrag).split('.');
  return `${deutscheZahl(`${ganz}.${nachkomma.padEnd(2, '0')}`)}\u00a0€`;
}

/** JJJJ-MM-TT -> TT.MM.JJJJ */
export function datum(iso: string): string {
  const [j, m, t] = iso.slice(0, 10).split('-');
  return `${t}.${m}.${j}`;
}

/** Text into HTML: nothing a file delivered can become markup. */
export function html(text: string): string {
  return text.replace(/[&<>"']/g, (z) => `&#${z.charCodeAt(0)};`);
}

/** The text a hidden value reads (small-number protection, docs/regeln.md §9). */
export const verdecktText = (k: number) => `<${k}`;

/** A value that stands for a hidden one (what CSV and JSON show; Arrow, which needs a number, gets null). */
export const istVerdeckt = (w: unknown): boolean => typeof w === 'string' && /^<\d+$/.test(w);
