// The child process behind zeichnerProzess(): spec in, SVG and PNG out, one at a time.
import { zeichnerImProzess } from './zeichner.ts';
import type { Spezifikation } from './specs/rahmen.ts';

process.on('message', (m: { spec: Spezifikation }) => {
  zeichnerImProzess.zeichne(m.spec).then(
    (bild) => process.send!(bild),
    (e: Error) => process.send!({ fehler: e.message }),
  );
});
// The server went away (even killed): the channel closes, and so does this process.
process.on('disconnect', () => process.exit(0));
