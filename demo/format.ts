// German number formats. Money and hours are integers (cents, hundredths of an hour) all the way to
// the text, so no binary floating point artefact can ever reach a file.

/** round(zaehler / nenner) half away from zero, for integers (|values| < 2^53). */
export function rundeBruch(zaehler: number, nenner: number): number {
  if (nenner <= 0) throw new Error('Nenner muss positiv sein');
  const neg = zaehler < 0;
  const z = Math.abs(zaehler);
  let q = Math.floor(z / nenner);
  const r = z - q * nenner;
  if (2 * r >= nenner) q += 1;
  return neg ? -q : q;
}

function tausender(ganz: string): string {
  let out = '';
  for (let i = 0; i < ganz.length; i++) {
    if (i > 0 && (ganz.length - i) % 3 === 0) out += '.';
    out += ganz[i];
  }
  return out;
}

/** cents → `1.234,56` (with thousands dots) or `1234,56` */
export function geld(cent: number, mitTausenderpunkt = true): string {
  if (!Number.isSafeInteger(cent)) throw new Error(`Centbetrag ist keine ganze Zahl: ${cent}`);
  const neg = cent < 0;
  const abs = Math.abs(cent);
  const euro = String(Math.floor(abs / 100));
  const ct = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${mitTausenderpunkt ? tausender(euro) : euro},${ct}`;
}

/** hundredths → shortest decimal-comma form: 150 → `1,5`, 25 → `0,25`, 600 → `6` */
export function dezimal(hundertstel: number): string {
  if (!Number.isSafeInteger(hundertstel)) throw new Error(`Keine ganze Zahl: ${hundertstel}`);
  const neg = hundertstel < 0;
  const abs = Math.abs(hundertstel);
  const ganz = Math.floor(abs / 100);
  const rest = abs % 100;
  let s = String(ganz);
  if (rest !== 0) s += ',' + (rest % 10 === 0 ? String(rest / 10) : String(rest).padStart(2, '0'));
  return neg ? '-' + s : s;
}

/** hundredths → always two decimals: 1250 → `12,50` */
export function dezimal2(hundertstel: number): string {
  const abs = Math.abs(hundertstel);
  return `${hundertstel < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** tenths → `1599,5` / `1600` */
export function zehntel(z: number): string {
  return z % 10 === 0 ? String(z / 10) : `${Math.floor(z / 10)},${z % 10}`;
}
