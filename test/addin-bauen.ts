// vitest globalSetup: the add-in bundle the server serves, built once when missing or stale.
import { stelleAddinBereit } from '../addin/bauen/index.ts';

export default async function setup(): Promise<void> {
  await stelleAddinBereit();
}
