// A1 addresses of the double: "B3", "A4:N8", "'Prognose 2026 konz'!A1:B2".

export interface Block {
  zeile: number;
  spalte: number;
  zeilen: number;
  spalten: number;
}

function zelle(a: string): { zeile: number; spalte: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a.toUpperCase());
  if (!m) throw new Error(`InvalidArgument: Adresse „${a}“`);
  let spalte = 0;
  for (const c of m[1]!) spalte = spalte * 26 + (c.charCodeAt(0) - 64);
  return { zeile: Number(m[2]) - 1, spalte: spalte - 1 };
}

export function lies(adresse: string): Block {
  const ohne = adresse.includes('!') ? adresse.slice(adresse.lastIndexOf('!') + 1) : adresse;
  const [von, bis = von] = ohne.split(':');
  const a = zelle(von!);
  const b = zelle(bis!);
  return {
    zeile: Math.min(a.zeile, b.zeile),
    spalte: Math.min(a.spalte, b.spalte),
    zeilen: Math.abs(b.zeile - a.zeile) + 1,
    spalten: Math.abs(b.spalte - a.spalte) + 1,
  };
}

export function spalte(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function schreib(blatt: string, b: Block): string {
  const name = /^[A-Za-z0-9_]+$/.test(blatt) ? blatt : `'${blatt.replace(/'/g, "''")}'`;
  const links = `${spalte(b.spalte)}${b.zeile + 1}`;
  return `${name}!${b.zeilen === 1 && b.spalten === 1 ? links : `${links}:${spalte(b.spalte + b.spalten - 1)}${b.zeile + b.zeilen}`}`;
}

export const ueberlappt = (a: Block, b: Block) =>
  a.zeile < b.zeile + b.zeilen &&
  b.zeile < a.zeile + a.zeilen &&
  a.spalte < b.spalte + b.spalten &&
  b.spalte < a.spalte + a.spalten;
