import { deutscheZahl } from '../../format/index.ts';

export { datum, euro, html } from '../../format/index.ts';

export function zahl(wert: unknown): string {
  return wert === null || wert === undefined ? '' : deutscheZahl(String(wert));
}
