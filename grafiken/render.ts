import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import { SCHRIFT_DATEIEN } from './schrift.ts';
import { SCHRIFT } from './stil.ts';
import type { Spezifikation } from './specs/rahmen.ts';

/** Vega-Lite → Vega → SVG, headless, with text measured from the shipped font. */
export async function alsSvg(spec: Spezifikation): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG → PNG at twice the size, for print and slides. */
export function alsPng(svg: string, zoom = 2): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: {
      fontFiles: Object.values(SCHRIFT_DATEIEN),
      loadSystemFonts: false,
      defaultFontFamily: SCHRIFT,
      sansSerifFamily: SCHRIFT,
    },
  });
  return r.render().asPng();
}
