/**
 * Checks every internal link and asset reference in the built site (`.vitepress/dist`): each
 * `href`/`src` that starts with `/` must name a file of the build. VitePress already refuses
 * dead links between Markdown pages; this also covers the theme, the sidebar and the API pages.
 *
 * Run after `vitepress build`: node --import tsx scripts/check-links.ts
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '.vitepress', 'dist');

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith('.html')) yield path;
  }
}

function resolves(target: string): boolean {
  const path = decodeURIComponent(target.split(/[?#]/)[0] ?? '');
  const file = join(dist, path);
  if (path.endsWith('/')) return existsSync(join(file, 'index.html'));
  return existsSync(file) || existsSync(`${file}.html`) || existsSync(join(file, 'index.html'));
}

let pages = 0;
let links = 0;
const broken: string[] = [];
for (const file of htmlFiles(dist)) {
  pages++;
  const html = readFileSync(file, 'utf8');
  for (const match of html.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
    const target = match[1] as string;
    if (target.startsWith('//')) continue;
    links++;
    if (!resolves(target)) broken.push(`${file.slice(dist.length)} -> ${target}`);
  }
}
if (broken.length > 0) {
  console.error(`${broken.length} broken internal link(s):\n${broken.join('\n')}`);
  process.exit(1);
}
console.log(`links: ${links} internal links in ${pages} pages, all resolve`);
