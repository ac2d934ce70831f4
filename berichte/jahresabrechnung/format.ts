import { deutscheZahl } from '../../warehouse/index.ts';

export { datum, euro, html } from '../../warehouse/index.ts';

export function zahl(wert: unknown): string {
  return wert === null || wert === undefined ? '' : deutscheZahl(String(wert));
}
