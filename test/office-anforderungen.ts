// Which Office.js APIs the add-in calls, and which requirement set each needs: read from the code with
// the TypeScript compiler, each call resolved to its declaration in @types/office-js (or
// @types/custom-functions-runtime) and that declaration's `[Api set: NAME x.y]` tag. A call counts as
// guarded when it sits in the true branch of `if (….isSetSupported('NAME', 'x.y'))` that has an else
// (the fallback), in the true branch of `isSetSupported(…) ? … : …`, or after
// `if (!….isSetSupported('NAME', 'x.y')) { …fallback…; return }` in the same block.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface Anforderung {
  satz: string;
  version: string;
}

export interface Verwendung {
  /** Declared name, e.g. Excel.Range.left. */
  api: string;
  datei: string;
  zeile: number;
  /** null: no [Api set] tag (the common API every Office host has). */
  anforderung: Anforderung | null;
  /** The isSetSupported guard around the call, if there is one. */
  geschuetzt: Anforderung | null;
}

const TYPPAKETE = ['/@types/office-js/', '/@types/custom-functions-runtime/'];

/** Compares "1.10" and "1.9" as versions (1.10 is later). */
export function vergleiche(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function tagVon(d: ts.Declaration): Anforderung | null {
  const kommentar = d.getFullText().slice(0, d.getLeadingTriviaWidth());
  // "[Api set: ExcelApi 1.1 / 1.3. Prior to …]", "[Api set: ExcelApi 1.2 for options; 1.7 for password]": the first
  // version is what the member needs at all.
  const m = /\[Api set: ([A-Za-z]+) (\d+\.\d+)/.exec(kommentar);
  return m ? { satz: m[1]!, version: m[2]! } : null;
}

function pruefAufruf(e: ts.Expression): Anforderung | null {
  if (
    !ts.isCallExpression(e) ||
    !ts.isPropertyAccessExpression(e.expression) ||
    e.expression.name.text !== 'isSetSupported'
  )
    return null;
  const [satz, version] = e.arguments;
  // A version as a number (1.10) would be read as 1.1: Microsoft's documentation asks for a string.
  return satz && version && ts.isStringLiteral(satz) && ts.isStringLiteral(version)
    ? { satz: satz.text, version: version.text }
    : null;
}

/** isSetSupported(…) itself or one operand of an && chain. */
function bejahtePruefung(e: ts.Expression): Anforderung | null {
  if (ts.isParenthesizedExpression(e)) return bejahtePruefung(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
    return bejahtePruefung(e.left) ?? bejahtePruefung(e.right);
  return pruefAufruf(e);
}

const endetMitRueckkehr = (s: ts.Statement): boolean =>
  ts.isBlock(s)
    ? s.statements.length > 1 && endetMitRueckkehr(s.statements.at(-1)!)
    : ts.isReturnStatement(s) || ts.isThrowStatement(s);

function schutz(knoten: ts.Node): Anforderung | null {
  for (let k: ts.Node = knoten; k.parent; k = k.parent) {
    const p = k.parent;
    if (ts.isIfStatement(p) && p.thenStatement === k && p.elseStatement) {
      const a = bejahtePruefung(p.expression);
      if (a) return a;
    }
    if (ts.isConditionalExpression(p) && p.whenTrue === k) {
      const a = bejahtePruefung(p.condition);
      if (a) return a;
    }
    if (ts.isBlock(p) || ts.isSourceFile(p)) {
      for (const vorher of p.statements.slice(0, p.statements.indexOf(k as ts.Statement))) {
        if (!ts.isIfStatement(vorher) || vorher.elseStatement || !endetMitRueckkehr(vorher.thenStatement)) continue;
        const b = vorher.expression;
        if (ts.isPrefixUnaryExpression(b) && b.operator === ts.SyntaxKind.ExclamationToken) {
          const a = pruefAufruf(b.operand);
          if (a) return a;
        }
      }
    }
  }
  return null;
}

/**
 * Every use of an Office.js member in the given files. `inhalte` replaces files by text (the test of
 * the check itself); other files are read from disk.
 */
export function officeVerwendungen(
  dateien: string[],
  optionen: ts.CompilerOptions,
  inhalte: Record<string, string> = {},
): Verwendung[] {
  const wirt = ts.createCompilerHost(optionen);
  const lesen = wirt.getSourceFile.bind(wirt);
  wirt.getSourceFile = (name, sprache, ...rest) =>
    name in inhalte ? ts.createSourceFile(name, inhalte[name]!, sprache, true) : lesen(name, sprache, ...rest);
  const gibt = wirt.fileExists.bind(wirt);
  wirt.fileExists = (name) => name in inhalte || gibt(name);
  const programm = ts.createProgram(dateien, optionen, wirt);
  const pruefer = programm.getTypeChecker();
  const ergebnis: Verwendung[] = [];

  const merke = (sym: ts.Symbol | undefined, knoten: ts.Node, sf: ts.SourceFile) => {
    const d = sym?.declarations?.find((x) => TYPPAKETE.some((t) => x.getSourceFile().fileName.includes(t)));
    if (!sym || !d) return;
    ergebnis.push({
      api: pruefer.getFullyQualifiedName(sym),
      datei: sf.fileName,
      zeile: sf.getLineAndCharacterOfPosition(knoten.getStart()).line + 1,
      anforderung: tagVon(d),
      geschuetzt: schutz(knoten),
    });
  };

  for (const sf of programm.getSourceFiles()) {
    if (!dateien.includes(sf.fileName)) continue;
    const besuche = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n)) merke(pruefer.getSymbolAtLocation(n.name), n, sf);
      // ctx.load('left, top, width') and x.load('items/name') name members too.
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'load') {
        const typ = pruefer.getTypeAtLocation(n.expression.expression);
        for (const arg of n.arguments) {
          if (!ts.isStringLiteral(arg)) continue;
          for (const pfad of arg.text.split(',')) {
            let t: ts.Type | undefined = typ;
            for (const teil of pfad.trim().split('/')) {
              const sym: ts.Symbol | undefined = t?.getProperty(teil);
              if (!sym) break;
              merke(sym, arg, sf);
              const art = pruefer.getTypeOfSymbolAtLocation(sym, arg);
              t = pruefer.getIndexTypeOfType(art, ts.IndexKind.Number) ?? art;
            }
          }
        }
      }
      ts.forEachChild(n, besuche);
    };
    besuche(sf);
  }
  return ergebnis;
}

/** The requirement sets the manifest declares (base manifest, <Requirements><Sets>). */
export function manifestSaetze(pfad: string): Record<string, string> {
  const xml = readFileSync(pfad, 'utf8');
  const anforderungen = /<Requirements>([\s\S]*?)<\/Requirements>/.exec(xml)?.[1] ?? '';
  return Object.fromEntries(
    [...anforderungen.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => [m[1]!, m[2]!]),
  );
}
