// Bundles the fixture pages' real editors (www/fixtures/editors/<name>.js, from the npm
// packages pinned in package.json) into www/fixtures/editors/<name>.bundle.js with esbuild,
// so the pages load them from 127.0.0.1 and never from a CDN. Build output only (gitignored);
// run by `make extension`. Quick when nothing changed. `global` (Node's name, which Draft.js's
// fbjs uses) is the page's globalThis.
import { build } from 'esbuild';
import { readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const DIR = fileURLToPath(new URL('../www/fixtures/editors/', import.meta.url));
const LOCK = fileURLToPath(new URL('../package-lock.json', import.meta.url));
const mtime = async (path) => (await stat(path).catch(() => null))?.mtimeMs ?? 0;

for (const name of (await readdir(DIR)).filter((f) => f.endsWith('.js') && !f.endsWith('.bundle.js')).sort()) {
  const entry = join(DIR, name);
  const outfile = join(DIR, name.replace(/\.js$/, '.bundle.js'));
  if ((await mtime(outfile)) > Math.max(await mtime(entry), await mtime(LOCK))) continue;
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'iife', minify: true, target: 'chrome120', legalComments: 'none', logLevel: 'warning', define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' } });
  console.log(`fixture editor built: www/fixtures/editors/${name.replace(/\.js$/, '.bundle.js')}`);
}
