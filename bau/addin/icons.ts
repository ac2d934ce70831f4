import { png } from './png.ts';

/** Sizes Office asks for: 16/32/80 on the ribbon, 32/64 in the add-in lists (IconUrl, HighResolutionIconUrl). */
export const ICON_GROESSEN = [16, 32, 64, 80] as const;

const GRUEN: [number, number, number, number] = [0x1d, 0x6f, 0x42, 255];
const WEISS: [number, number, number, number] = [255, 255, 255, 255];
const LEER: [number, number, number, number] = [0, 0, 0, 0];

/** The add-in's icon: three white bars (budget, Ist, Prognose) on Excel green, with rounded corners. */
export function icon(n: number): Buffer {
  const r = n / 6;
  const balken = [
    [0.2, 0.55],
    [0.42, 0.3],
    [0.64, 0.42],
  ] as const;
  return png(n, n, (x, y) => {
    const ex = Math.max(r - x - 0.5, x + 0.5 - (n - r), 0);
    const ey = Math.max(r - y - 0.5, y + 0.5 - (n - r), 0);
    if (ex * ex + ey * ey > r * r) return LEER;
    const u = (x + 0.5) / n;
    const v = (y + 0.5) / n;
    const imBalken = balken.some(([links, oben]) => u >= links && u < links + 0.16 && v >= oben && v < 0.82);
    return imBalken ? WEISS : GRUEN;
  });
}
