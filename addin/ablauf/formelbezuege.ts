import { alsBezug, liesBezuege, type Auswahlzelle } from '../excel/index.ts';
import { AbrufFehler } from './abruf.ts';

// `=@SRB.…`: Excel shows custom functions with the implicit-intersection @ in some versions.
const SRB_FORMEL = /^=\s*@?\s*(?:_xldudf_)?SRB\.([A-ZÄÖÜ]+)\((.*)\)\s*$/i;

/** The arguments as written: split at , or ; outside text in quotes and outside nested parentheses. */
function teile(text: string): string[] | null {
  const argumente: string[] = [];
  let tiefe = 0;
  let inText = false;
  let von = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inText = !inText;
    else if (inText) continue;
    else if (c === '(') tiefe++;
    else if (c === ')' && --tiefe < 0) return null;
    else if ((c === ',' || c === ';') && tiefe === 0) {
      argumente.push(text.slice(von, i).trim());
      von = i + 1;
    }
  }
  if (inText || tiefe !== 0) return null;
  argumente.push(text.slice(von).trim());
  return argumente;
}

/** The SRB function of a formula and its arguments as written, or null for any other formula. */
export function srbAufruf(formel: string): { funktion: string; argumente: string[] } | null {
  const m = SRB_FORMEL.exec(formel);
  const argumente = m ? teile(m[2]!) : null;
  return m && argumente ? { funktion: m[1]!.toUpperCase(), argumente } : null;
}

/** A cell's value as a formula argument: text in quotes, a number as written, an empty cell as no argument. */
function literal(wert: unknown): string {
  if (wert === '' || wert === null || wert === undefined) return '';
  if (typeof wert === 'number') return String(wert);
  return `"${String(wert).replaceAll('"', '""')}"`;
}

/**
 * The selected cell with the arguments of its =SRB.* formula that point to cells or workbook names
 * (=SRB.IST($A5;B$2;3), =SRB.FINANZVOLUMEN(Sozialraum;Jahr)) replaced by what those show, so that the
 * figure can be traced as the formula computed it.
 */
export async function mitArgumentwerten(z: Auswahlzelle): Promise<Auswahlzelle> {
  const aufruf = z.formel ? srbAufruf(z.formel) : null;
  if (!aufruf) return z;
  const bezuege = aufruf.argumente.map(alsBezug);
  if (bezuege.every((b) => b === null)) return z;
  const werte = await liesBezuege(
    z.blatt,
    bezuege.filter((b) => b !== null),
  );
  let n = 0;
  const argumente = aufruf.argumente.map((a, i) => {
    if (!bezuege[i]) return a;
    const w = werte[n++]!;
    if ('fehlt' in w) throw new AbrufFehler(`Die Formel ${z.formel} nimmt ${a}: ${w.fehlt}`);
    return literal(w.wert);
  });
  return { ...z, formel: `=SRB.${aufruf.funktion}(${argumente.join(';')})` };
}
