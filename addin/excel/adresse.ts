/** 0 → A, 25 → Z, 26 → AA. */
export function spalte(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 address of a block, rows and columns counted from 0. */
export function block(zeile: number, spalteVon: number, zeilen: number, spalten: number): string {
  const links = `${spalte(spalteVon)}${zeile + 1}`;
  return zeilen === 1 && spalten === 1 ? links : `${links}:${spalte(spalteVon + spalten - 1)}${zeile + zeilen}`;
}

/** Sheet-free part of an address like "Finanzvolumen!A4:N8". */
export function ohneBlatt(adresse: string): string {
  return adresse.includes('!') ? adresse.slice(adresse.lastIndexOf('!') + 1) : adresse;
}

/** "A10:F14" → "A9:F14": a block with the row above it (where a stacked table has its title). */
export function mitTitelzeile(adresse: string): string {
  const m = /^([A-Z]+)(\d+)(?::(.*))?$/.exec(adresse);
  if (!m) return adresse;
  const oben = `${m[1]}${Math.max(1, Number(m[2]) - 1)}`;
  return `${oben}:${m[3] ?? `${m[1]}${m[2]}`}`;
}

/** "A10:F14" → "A15": the cell under a block's first column (where a table's note stands). */
export function darunter(adresse: string): string {
  const m = /^([A-Z]+)(\d+)(?::[A-Z]+(\d+))?$/.exec(adresse);
  return m ? `${m[1]}${Number(m[3] ?? m[2]) + 1}` : adresse;
}
