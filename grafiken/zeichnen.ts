import type { Spezifikation } from './specs/rahmen.ts';

// Vega, Vega-Lite, resvg and the font are loaded when the first chart is drawn, not when a caller
// imports the charts: the server and every `srb` command import this module, few of them draw.
const renderer = () => import('./render.ts');

/** Vega-Lite → Vega → SVG, headless, with text measured from the shipped font. */
export async function alsSvg(spec: Spezifikation): Promise<string> {
  return (await renderer()).alsSvg(spec);
}

/** SVG → PNG at twice the size, for print and slides. */
export async function alsPng(svg: string, zoom = 2): Promise<Uint8Array> {
  return (await renderer()).alsPng(svg, zoom);
}
