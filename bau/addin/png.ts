import { deflateSync } from 'node:zlib';

// PNG needs CRC-32 per chunk; Node 20's zlib has no crc32 of its own yet.
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(typ: string, daten: Buffer): Buffer {
  const laenge = Buffer.alloc(4);
  laenge.writeUInt32BE(daten.length);
  const kopf = Buffer.concat([Buffer.from(typ, 'ascii'), daten]);
  const pruef = Buffer.alloc(4);
  pruef.writeUInt32BE(crc32(kopf));
  return Buffer.concat([laenge, kopf, pruef]);
}

/** An RGBA image as PNG; `pixel(x, y)` gives [r, g, b, a]. */
export function png(
  breite: number,
  hoehe: number,
  pixel: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const roh = Buffer.alloc(hoehe * (1 + 4 * breite));
  for (let y = 0; y < hoehe; y++) {
    const zeile = y * (1 + 4 * breite);
    for (let x = 0; x < breite; x++) roh.set(pixel(x, y), zeile + 1 + 4 * x);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(breite, 0);
  ihdr.writeUInt32BE(hoehe, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(roh)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
