import type { Hook } from '@hono/zod-openapi';
import type { ApiUmgebung } from './kontext.ts';
import { ApiFehler } from './fehler.ts';

/** Request validation failures as one German sentence naming each field. */
export const validierungsHaken: Hook<unknown, ApiUmgebung, string, unknown> = (ergebnis) => {
  if (ergebnis.success) return;
  const teile = ergebnis.error.issues.map((i) =>
    i.code === 'unrecognized_keys'
      ? `unbekannte Angabe ${i.keys.map((k) => `„${k}“`).join(', ')}`
      : `${i.path.join('.') || ergebnis.target}: ${deutsch(i.code, i.message)}${erlaubt(i)}`,
  );
  throw new ApiFehler('eingabe_ungueltig', `Ungültige Anfrage (${ergebnis.target}): ${teile.join('; ')}.`, {
    felder: ergebnis.error.issues.map((i) => i.path.join('.')),
  });
};

/** What a field with a fixed set of values takes, so that the caller can correct it from the message alone. */
function erlaubt(i: { code: string; values?: readonly unknown[] }): string {
  if (i.code !== 'invalid_value' || !i.values?.length) return '';
  return ` (erlaubt: ${i.values.map(String).join(', ')})`;
}

function deutsch(code: string, meldung: string): string {
  switch (code) {
    case 'invalid_type':
      return 'fehlt oder hat den falschen Typ';
    case 'too_small':
      return 'ist zu klein oder zu kurz';
    case 'too_big':
      return 'ist zu groß oder zu lang';
    case 'invalid_value':
      return 'hat keinen erlaubten Wert';
    case 'invalid_format':
      return 'hat nicht das erwartete Format';
    default:
      return meldung;
  }
}
