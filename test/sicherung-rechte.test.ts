// Backups hold every password and key hash: srb backup and srb serve --backup write them for the owner only.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sichere } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

let weg: (() => void) | undefined;
afterEach(() => weg?.());

const rechte = (pfad: string) => statSync(pfad).mode & 0o777;

describe('Sicherung: nur für den Eigentümer lesbar', () => {
  it('schreibt Sicherung und Prüfsumme 0600, einen neuen Ordner 0700; einen vorhandenen Ordner lässt sie, wie er ist', async () => {
    const t = await neuesWarehouse();
    weg = t.weg;
    const neu = join(t.ordner, 'neu', 'sicherungen');
    const s = await sichere(t.wh, neu, 'test');
    expect(rechte(neu)).toBe(0o700);
    expect(rechte(s.pfad)).toBe(0o600);
    expect(rechte(`${s.pfad}.sha256`)).toBe(0o600);

    const da = join(t.ordner, 'vorhanden');
    mkdirSync(da, { mode: 0o750 });
    const v = await sichere(t.wh, da, 'test');
    expect(rechte(da)).toBe(0o750);
    expect(readdirSync(da).map((n) => rechte(join(da, n)))).toEqual([0o600, 0o600]);
    expect(rechte(v.pfad)).toBe(0o600);
  });
});
