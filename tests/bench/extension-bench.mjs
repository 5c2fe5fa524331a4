// Placeholder until the extension build exists; replaced by the real extension benchmark.
import { join } from 'node:path';
import { ROOT } from './server.mjs';
export const EXTENSION_DIR = join(ROOT, 'extension', 'dist', 'chrome');
export async function benchExtension() {
  return { figures: {}, notes: ['extension benchmark not written yet'] };
}
