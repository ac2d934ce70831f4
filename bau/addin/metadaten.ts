import ts from 'typescript';

// functions.json from the JSDoc of addin/funktionen/formeln.ts: @customfunction ID names a function,
// the comment and @param its German texts, @en and @enparam the English ones, @streaming makes it a
// streaming (and cancelable) function. Parameters typed `T | null` are optional.

interface Parameter {
  name: string;
  description: string;
  type: 'number' | 'string' | 'any';
  optional?: true;
}
interface Funktion {
  id: string;
  name: string;
  description: string;
  result: { type: 'number' };
  parameters: Parameter[];
  options?: { stream: true; cancelable: true };
}

function text(k: string | ts.NodeArray<ts.JSDocComment> | undefined): string {
  return (typeof k === 'string' ? k : (ts.getTextOfJSDocComment(k) ?? '')).trim();
}

function typ(t: ts.TypeNode | undefined): { type: Parameter['type']; optional: boolean } {
  const teile = t && ts.isUnionTypeNode(t) ? t.types : t ? [t] : [];
  const optional = teile.some((x) => ts.isLiteralTypeNode(x) && x.literal.kind === ts.SyntaxKind.NullKeyword);
  const rest = teile.filter((x) => !(ts.isLiteralTypeNode(x) && x.literal.kind === ts.SyntaxKind.NullKeyword));
  const art =
    rest.length === 1 && rest[0]!.kind === ts.SyntaxKind.NumberKeyword
      ? 'number'
      : rest.length === 1 && rest[0]!.kind === ts.SyntaxKind.StringKeyword
        ? 'string'
        : 'any';
  return { type: art, optional };
}

export function funktionsMetadaten(
  quelltext: string,
  dateiname: string,
): { de: { functions: Funktion[] }; en: { functions: Funktion[] } } {
  const quelle = ts.createSourceFile(dateiname, quelltext, ts.ScriptTarget.ES2022, true);
  const de: Funktion[] = [];
  const en: Funktion[] = [];
  quelle.forEachChild((knoten) => {
    if (!ts.isFunctionDeclaration(knoten)) return;
    const tags = ts.getJSDocTags(knoten);
    const id = tags.find((x) => x.tagName.text === 'customfunction');
    if (!id) return;
    const name = text(id.comment);
    if (!/^[A-Z][A-Z0-9._]*$/.test(name))
      throw new Error(`${dateiname}: @customfunction ${name}: Name in Großbuchstaben erwartet`);
    // The comment the tags above come from: TypeScript reads the tags of the last JSDoc block before a
    // declaration (getJSDocTags), and that block is the one getJSDocCommentsAndTags returns whole.
    const doku = ts.getJSDocCommentsAndTags(knoten).find(ts.isJSDoc);
    const streaming = tags.some((x) => x.tagName.text === 'streaming');
    const englisch = new Map(
      tags
        .filter((x) => x.tagName.text === 'enparam')
        .map((x) => {
          const [p, ...r] = text(x.comment).split(/\s+/);
          return [p!, r.join(' ')];
        }),
    );
    const deutsch = new Map(tags.filter(ts.isJSDocParameterTag).map((x) => [x.name.getText(quelle), text(x.comment)]));
    // The last parameter of a streaming function is Excel's invocation, not an argument.
    const parameter = streaming ? knoten.parameters.slice(0, -1) : [...knoten.parameters];
    const bauen = (beschreibung: string, texte: Map<string, string>): Funktion => ({
      id: name,
      name,
      description: beschreibung,
      result: { type: 'number' },
      parameters: parameter.map((p) => {
        const n = p.name.getText(quelle);
        const { type, optional } = typ(p.type);
        if (!texte.get(n)) throw new Error(`${dateiname}: ${name}: Parameter ${n} ohne Beschreibung`);
        return { name: n, description: texte.get(n)!, type, ...(optional ? { optional: true as const } : {}) };
      }),
      ...(streaming ? { options: { stream: true as const, cancelable: true as const } } : {}),
    });
    de.push(bauen(text(doku?.comment), deutsch));
    en.push(bauen(text(tags.find((x) => x.tagName.text === 'en')?.comment), englisch));
  });
  return { de: { functions: de }, en: { functions: en } };
}
