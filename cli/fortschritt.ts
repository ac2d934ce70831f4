/** Progress on a terminal (stderr), silent in pipes and CI logs. */
export function fortschrittsanzeige(): { melde(text: string): void; fertig(): void } {
  if (!process.stderr.isTTY) return { melde() {}, fertig() {} };
  const start = Date.now();
  let text = '';
  const zeichne = () => process.stderr.write(`\r\x1b[K${text} (${Math.round((Date.now() - start) / 1000)} s)`);
  const uhr = setInterval(zeichne, 500);
  return {
    melde(neu) {
      text = neu;
      zeichne();
    },
    fertig() {
      clearInterval(uhr);
      process.stderr.write('\r\x1b[K');
    },
  };
}
