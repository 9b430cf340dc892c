/**
 * Opens the built site in headless Chromium and checks that the start page, a guide and an API
 * page render without console errors or failed requests; saves a screenshot of each under
 * .vitepress/screenshots/. Runs after `vitepress build` (see the `docs` script). Without
 * Chromium it says so and skips, except under CI, where it fails.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dist = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const shots = fileURLToPath(new URL('../.vitepress/screenshots/', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  const message = `browser check: no Chromium at ${executablePath}`;
  if (process.env.CI) throw new Error(message);
  console.log(`${message}; skipped`);
  process.exit(0);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const candidates = [path, `${path}.html`, join(path, 'index.html')].map((p) => join(dist, p));
  const file = candidates.find((c) => c.startsWith(dist) && existsSync(c) && statSync(c).isFile());
  if (!file) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await chromium.launch({
  executablePath,
  args: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const problems: string[] = [];
try {
  mkdirSync(shots, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(origin))
      problems.push(`${r.status()} for ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(origin)) problems.push(`failed request ${r.url()}`);
  });
  const pages: Array<[string, string, RegExp]> = [
    ['start', '/', /Monban/],
    ['guide', '/guide/getting-started', /PGlite/],
    ['api', '/api/', /API/],
  ];
  for (const [name, path, expected] of pages) {
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'networkidle' });
    if (response?.status() !== 200) problems.push(`${path} answered ${response?.status()}`);
    const text = (await page.locator('body').textContent()) ?? '';
    if (!expected.test(text)) problems.push(`${path} does not show ${expected}`);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  }
} finally {
  await browser.close();
  server.close();
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `browser check: 3 pages rendered without errors; screenshots in .vitepress/screenshots/`,
);
