import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (p: string, s: Buffer, n: number) => Promise<Buffer>;

export async function hashePasswort(passwort: string): Promise<string> {
  const salz = randomBytes(16);
  return `${salz.toString('hex')}$${(await scryptAsync(passwort, salz, 64)).toString('hex')}`;
}

/** Timing-safe; a missing user is checked against a dummy hash so that timing does not tell. */
export async function pruefePasswort(passwort: string, gespeichert: string | undefined): Promise<boolean> {
  const [salz, hash] = (gespeichert ?? `${'0'.repeat(32)}$${'0'.repeat(128)}`).split('$');
  const ist = await scryptAsync(passwort, Buffer.from(salz!, 'hex'), 64);
  return timingSafeEqual(ist, Buffer.from(hash!, 'hex')) && gespeichert !== undefined;
}
