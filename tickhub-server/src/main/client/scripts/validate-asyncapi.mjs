// Validates the hub's AsyncAPI document with the AsyncAPI parser; any error fails the build.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const path = fileURLToPath(new URL('../../resources/asyncapi/tickhub.yaml', import.meta.url));
const { document, diagnostics } = await new Parser().parse(await readFile(path, 'utf8'), { source: path });
const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
for (const d of diagnostics) {
  const level = ['error', 'warning', 'info', 'hint'][d.severity] ?? 'note';
  console.log(`asyncapi ${level}: ${d.message} at ${d.path.join('.')}`);
}
if (errors.length > 0 || document === undefined) {
  console.error(`${path}: ${errors.length} AsyncAPI error(s)`);
  process.exit(1);
}
console.log(`${path}: valid AsyncAPI ${document.version()}, ${document.channels().length} channels, ${document.allMessages().length} messages`);
