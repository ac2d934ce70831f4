import { legeBenutzerAn, type Warehouse } from '../warehouse/index.ts';

/**
 * Accounts of the demo county with published passwords, one per role. Marked demo: `srb serve`
 * refuses to listen beyond loopback while any of them is active.
 */
export const DEMO_BENUTZER = [
  { name: 'jugendamt', rolle: 'jugendamt_controller', sozialraeume: [], passwort: 'demo-jugendamt' },
  {
    name: 'awo-konz',
    rolle: 'traeger_controller',
    sozialraeume: ['konz'],
    traeger: 'awo-trier-saarburg',
    passwort: 'demo-awo-konz',
  },
  { name: 'asd-saarburg', rolle: 'asd', sozialraeume: ['saarburg'], passwort: 'demo-asd-saarburg' },
  { name: 'analyst', rolle: 'analyst', sozialraeume: [], passwort: 'demo-analyst' },
  { name: 'admin', rolle: 'admin', sozialraeume: [], passwort: 'demo-admin-1' },
];

export async function legeDemoBenutzerAn(wh: Warehouse): Promise<void> {
  for (const b of DEMO_BENUTZER) await legeBenutzerAn(wh, { ...b, demo: true }, 'demo');
}
