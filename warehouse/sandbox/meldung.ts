// DuckDB's error texts are English and written for its developers; analysts get them in German, with
// where in the query the engine stopped. What is not recognised keeps the engine's words, marked as such.

const KEIN: Record<string, string> = {
  INT8: 'keine ganze Zahl',
  INT16: 'keine ganze Zahl',
  INT32: 'keine ganze Zahl',
  INT64: 'keine ganze Zahl',
  INT128: 'keine ganze Zahl',
  UINT8: 'keine ganze Zahl',
  UINT16: 'keine ganze Zahl',
  UINT32: 'keine ganze Zahl',
  UINT64: 'keine ganze Zahl',
  DOUBLE: 'keine Zahl',
  FLOAT: 'keine Zahl',
  DATE: 'kein Datum',
  TIMESTAMP: 'kein Zeitpunkt',
  BOOL: 'kein Wahrheitswert',
  BOOLEAN: 'kein Wahrheitswert',
};
const kein = (t: string) => KEIN[t] ?? (/^DECIMAL/.test(t) ? 'keine Dezimalzahl' : `nicht vom Typ ${t}`);
const namen = (liste: string) =>
  liste
    .replaceAll('"', '')
    .split(/,\s*/)
    .map((n) => `„${n}“`)
    .join(', ');

const REGELN: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/syntax error at or near "([^"]*)"/, (m) => `Syntaxfehler bei „${m[1]}“.`],
  [/syntax error at end of input/, () => 'Syntaxfehler: die Abfrage hört mittendrin auf.'],
  [
    /Referenced column "([^"]+)" not found in FROM clause!(?:\s*Candidate bindings: ([^\n]+))?/,
    (m) =>
      `Die Spalte „${m[1]}“ gibt es in den genannten Sichten nicht.${m[2] ? ` Ähnlich heißen: ${namen(m[2])}.` : ''}`,
  ],
  [
    /column "([^"]+)" must appear in the GROUP BY clause or must be part of an aggregate function/,
    (m) => `Die Spalte „${m[1]}“ muss im GROUP BY stehen oder in einer Aggregatfunktion (z. B. any_value(${m[1]})).`,
  ],
  [
    /Ambiguous reference to column name "([^"]+)" \(use: ([^)]+)\)/,
    (m) =>
      `Die Spalte „${m[1]}“ ist mehrdeutig: bitte mit der Sicht davor nennen (${m[2].replaceAll('"', '').replace(' or ', ' oder ')}).`,
  ],
  [
    /Could not convert string '([^']*)' to (\w+)/,
    (m) => `„${m[1]}“ ist ${kein(m[2]!)}: der Wert lässt sich nicht umwandeln.`,
  ],
  [
    /No function matches the given name and argument types '(\w+)\(([^)]*)\)'[^]*?Candidate functions:\n((?:\t[^\n]+\n?)+)/,
    (m) =>
      `Die Funktion ${m[1]} passt nicht zu diesen Argumenten (${m[2]}). Möglich: ${m[3]!.trim().split(/\n\t?/).join('; ')}.`,
  ],
  [/Division by zero/i, () => 'Division durch null.'],
  [/Out of Range Error: ([^\n]+)/, (m) => `Ein Wert liegt außerhalb des Wertebereichs (${m[1]}).`],
];

/** Where the engine stopped: DuckDB's "LINE n: text" and the caret under it, as Zeile/Spalte. */
function stelle(text: string): string {
  const m = /LINE (\d+): ([^\n]*)\n( *)\^/.exec(text);
  if (!m) return '';
  const spalte = m[3]!.length - `LINE ${m[1]}: `.length + 1;
  return ` (Zeile ${m[1]}, Spalte ${spalte}: ${m[2]!.trim().slice(0, 120)})`;
}

/** The German message for a DuckDB error text of an analyst's query. */
export function deutscheDbMeldung(text: string): string {
  const ohneHinweise = text.replace(/\n*Did you mean[^\n]*/g, '');
  for (const [muster, satz] of REGELN) {
    const m = muster.exec(ohneHinweise);
    if (m) return `Die Abfrage ist fehlerhaft: ${satz(m)}${stelle(ohneHinweise)}`;
  }
  const kern = ohneHinweise
    .replace(/^Failed to extract statements: /, '')
    .replace(/^[A-Za-z ]+Error: /, '')
    .replace(/\n\nLINE[^]*$/, '')
    .trim();
  return `Die Abfrage ist fehlerhaft (Meldung der Datenbank: ${kern})${stelle(ohneHinweise)}`;
}
