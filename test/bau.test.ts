// The installed product: bin/srb.cjs over the compiled dist/ (the globalSetup builds it as npm ci does),
// with every file the code reads beside its compiled module.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ZIEL } from '../bau/index.ts';
import { MODULE } from '../bau/programm/index.ts';
import { veraltet } from '../bau/stand.ts';

const wurzel = join(import.meta.dirname, '..');
const ausfuehren = promisify(execFile);
const ordner = mkdtempSync(join(tmpdir(), 'srb-bau-'));
afterAll(() => rmSync(ordner, { recursive: true, force: true }));

const dateien = (o: string): string[] =>
  readdirSync(o, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dateien(join(o, e.name)) : [join(o, e.name)],
  );

describe('srb aus dist/', () => {
  it('zeigt die Hilfe', async () => {
    const { stdout } = await ausfuehren(process.execPath, [join(wurzel, 'bin', 'srb.cjs'), '--help'], { cwd: ordner });
    expect(stdout).toContain('Befehle:');
  });

  it('fragt das Demo-Warehouse ab: Schema, Sandbox und ihre Dateien werden neben den übersetzten Modulen gefunden', async () => {
    const db = join(ordner, 'warehouse.duckdb');
    copyFileSync(inject('demoVorlage'), db);
    const { stdout } = await ausfuehren(
      process.execPath,
      [join(wurzel, 'bin', 'srb.cjs'), 'sql', '--db', db, '--format', 'csv', 'SELECT count(*) AS n FROM sozialraum'],
      { cwd: ordner },
    );
    expect(stdout.trim().split('\n')).toEqual(['n', '4']);
  });

  it('hat jede Datei, die keine TypeScript-Datei ist, neben ihrem Modul und keinen Import einer .ts-Datei mehr', () => {
    for (const m of MODULE) {
      for (const d of dateien(join(wurzel, m))) {
        const r = relative(wurzel, d);
        expect(existsSync(join(ZIEL, d.endsWith('.ts') ? r.replace(/\.ts$/, '.js') : r)), r).toBe(true);
      }
    }
    for (const d of dateien(ZIEL).filter((d) => d.endsWith('.js') && !d.includes(`${join(ZIEL, 'addin')}/`))) {
      expect(readFileSync(d, 'utf8'), d).not.toMatch(/["']\.\.?\/[^"'\n]*\.ts["']/);
    }
  });
});

describe('veraltet', () => {
  it('erkennt eine neuere, eine neue und eine gelöschte Quelle', () => {
    const q = mkdtempSync(join(ordner, 'quellen-'));
    const gebaut = join(ordner, 'gebaut');
    writeFileSync(join(q, 'a.ts'), '');
    expect(veraltet(gebaut, [q])).toBe(true);
    writeFileSync(gebaut, '');
    const spaeter = new Date(Date.now() + 10_000);
    utimesSync(gebaut, spaeter, spaeter);
    utimesSync(q, new Date(), new Date());
    expect(veraltet(gebaut, [q])).toBe(false);
    rmSync(join(q, 'a.ts'));
    const noch = new Date(Date.now() + 20_000);
    utimesSync(q, noch, noch);
    expect(veraltet(gebaut, [q])).toBe(true);
  });
});
