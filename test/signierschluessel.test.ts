// The token signing key beside the warehouse file (from the attack review: an empty or weak file was taken).
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signierSchluessel, WarehouseFehler } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
beforeAll(async () => {
  t = await neuesWarehouse();
});
afterAll(() => t.weg());

describe('Signierschlüssel', () => {
  it('entsteht einmal, ganz, nur für den Besitzer lesbar, und bleibt', () => {
    const schluessel = signierSchluessel(t.wh);
    expect(schluessel).toMatch(/^[0-9a-f]{64}$/);
    const datei = `${t.wh.pfad}.schluessel`;
    expect(readFileSync(datei, 'utf8')).toBe(schluessel);
    expect(statSync(datei).mode & 0o777).toBe(0o600);
    expect(signierSchluessel(t.wh)).toBe(schluessel);
  });

  it('weist eine leere, kurze oder für andere lesbare Schlüsseldatei mit deutscher Meldung ab', () => {
    const datei = `${t.wh.pfad}.schluessel`;
    for (const [inhalt, grund] of [
      ['', 'beschädigt'],
      ['x', 'beschädigt'],
      ['0'.repeat(64), null],
    ] as const) {
      writeFileSync(datei, inhalt, { mode: 0o600 });
      chmodSync(datei, 0o600);
      if (grund === null) expect(signierSchluessel(t.wh)).toBe(inhalt);
      else expect(() => signierSchluessel(t.wh)).toThrow(grund);
    }
    chmodSync(datei, 0o644);
    expect(() => signierSchluessel(t.wh)).toThrow(WarehouseFehler);
    expect(() => signierSchluessel(t.wh)).toThrow('für andere lesbar');
  });
});
