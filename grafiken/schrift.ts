import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';
import { textMetrics } from 'vega';

// The font ships as an npm package, so that PNGs show umlauts and € the same on every machine,
// whatever fonts it has. Vega lays out titles, labels and legends by text width; without a canvas
// in Node it guesses (0,8 × font size per character, far too wide for this font), so widths are
// measured from the font file itself, as vl-convert does.

const require = createRequire(import.meta.url);
const ordner = dirname(require.resolve('@expo-google-fonts/source-sans-3/package.json'));

export const SCHRIFT_DATEIEN = {
  normal: join(ordner, '400Regular/SourceSans3_400Regular.ttf'),
  halbfett: join(ordner, '600SemiBold/SourceSans3_600SemiBold.ttf'),
  fett: join(ordner, '700Bold/SourceSans3_700Bold.ttf'),
};

/** Advance width per character in em, read once from the font file (no shaping: labels are plain text). */
function breiten(pfad: string): (zeichen: string) => number {
  const b = readFileSync(pfad);
  const font = opentype.parse(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const gemerkt = new Map<string, number>();
  return (zeichen) => {
    let em = gemerkt.get(zeichen);
    if (em === undefined) {
      em = (font.charToGlyph(zeichen).advanceWidth ?? font.unitsPerEm / 2) / font.unitsPerEm;
      gemerkt.set(zeichen, em);
    }
    return em;
  };
}
const schnitte = {
  normal: breiten(SCHRIFT_DATEIEN.normal),
  halbfett: breiten(SCHRIFT_DATEIEN.halbfett),
  fett: breiten(SCHRIFT_DATEIEN.fett),
};

interface Textelement {
  fontSize?: number;
  fontWeight?: string | number;
  text?: unknown;
}

// Vega re-exports vega-scenegraph's textMetrics at runtime (vega.module.js: export * from 'vega-scenegraph');
// its type declarations leave it out, so they are told here what is there.
declare module 'vega' {
  export const textMetrics: { width: (item: Textelement, text?: unknown) => number };
}

function schnitt(gewicht: string | number | undefined) {
  const g = gewicht === 'bold' ? 700 : Number(gewicht ?? 400);
  return g >= 700 ? schnitte.fett : g >= 600 ? schnitte.halbfett : schnitte.normal;
}

/** Vega asks this for every text it places. */
textMetrics.width = (item: Textelement, text?: unknown) => {
  const t = String(text ?? item.text ?? '');
  const groesse = item.fontSize ?? 11;
  const breite = schnitt(item.fontWeight);
  let em = 0;
  for (const z of t) em += breite(z);
  return em * groesse;
};
