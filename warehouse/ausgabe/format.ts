// German presentation of warehouse values for the terminal and CSV. Decimals arrive as strings from
// DuckDB and are formatted as strings, so no amount ever passes through a binary float.

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
