// A tiny static file server for the playground and the test pages: 127.0.0.1 only, GET/HEAD
// only, correct MIME types (application/wasm included), no directory listing and no path
// outside `root`, optional extra headers per path (for CSP tests). It never runs server logic.
//
//   import { serve } from './scripts/serve.mjs';
//   const { url, close } = await serve({ root: 'www', port: 0, headers: { '/fixtures/strict.html': { 'Content-Security-Policy': "script-src 'self'" } } });
//
// CLI: node scripts/serve.mjs [root=www] [--port 8080]

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serves `root` on 127.0.0.1.
 * @param {{root: string, port?: number, headers?: Record<string, Record<string, string>>}} options
 *   port 0 (default) picks a free port; headers maps a URL path ("/a.html", or "*" for all) to extra headers.
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>}>}
 */
export async function serve({ root, port = 0, headers = {} }) {
  const rootDir = await realpath(resolve(root));
  const server = createServer((request, response) => {
    respond(rootDir, headers, request, response).catch((error) => {
      if (!response.headersSent) send(response, 500, `server error: ${error.message}`);
      else response.destroy();
    });
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  const actualPort = server.address().port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      }),
  };
}

async function respond(rootDir, extraHeaders, request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, 405, 'only GET and HEAD', { Allow: 'GET, HEAD' });
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
  } catch {
    return send(response, 400, 'bad path');
  }
  if (pathname.includes('\0')) return send(response, 400, 'bad path');
  const file = await resolveFile(rootDir, pathname);
  if (!file) return send(response, 404, 'not found');

  const headers = {
    'Content-Type': MIME_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': file.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders['*'],
    ...extraHeaders[pathname],
  };
  response.writeHead(200, headers);
  if (request.method === 'HEAD') return response.end();
  createReadStream(file.path).pipe(response);
}

// The file for a URL path, or null: directories serve their index.html, and anything whose
// real path (symlinks resolved) falls outside the root is treated as missing.
async function resolveFile(rootDir, pathname) {
  let candidate = resolve(rootDir, `.${pathname}`);
  try {
    let info = await stat(candidate);
    if (info.isDirectory()) {
      candidate = resolve(candidate, 'index.html');
      info = await stat(candidate);
    }
    const real = await realpath(candidate);
    if (real !== rootDir && !real.startsWith(rootDir + sep)) return null;
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function send(response, status, text, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(`${text}\n`);
}

// CLI use: node scripts/serve.mjs [root] [--port N]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args.splice(portAt, 2)[1]) : 8080;
  const root = args[0] ?? fileURLToPath(new URL('../www/', import.meta.url));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('serve: --port must be a number from 0 to 65535');
    process.exit(2);
  }
  serve({ root, port })
    .then(({ url }) => console.log(`serving ${resolve(root)} at ${url} (Ctrl-C to stop)`))
    .catch((error) => {
      console.error(`serve: ${error.message}`);
      process.exit(1);
    });
}
