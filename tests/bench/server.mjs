// A tiny static file server for benchmarks and hardening tests: serves files under the repo
// root on 127.0.0.1 only, on a free port, with the right MIME types. Pages can ask for
// cross-origin isolation (?isolated) so performance.now() has 5 µs resolution instead of 100 µs.
// It never serves outside the root, never listens on other interfaces, never caches.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

/**
 * Starts the server. `headers(pathname, searchParams)` may add response headers (e.g. a CSP).
 * Resolves to {origin, requests: [pathname…], close()}.
 */
export async function serve({ root = ROOT, headers = () => ({}) } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      res.writeHead(403).end('outside root');
      return;
    }
    try {
      const body = await readFile(file);
      const extra = url.searchParams.has('isolated')
        ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
        : {};
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Cross-Origin-Resource-Policy': 'same-origin',
        ...extra,
        ...headers(url.pathname, url.searchParams),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
