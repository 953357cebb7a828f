// render.mjs renders job summaries (markdown) the way GitHub shows them:
// GFM by micromark (with raw HTML kept, as GitHub keeps <details>,
// <summary> and <strong> after sanitising), styled by github-markdown-css,
// in headless Chromium at the width of a job summary, and writes a
// full-page PNG next to each markdown file.
//
//   node render.mjs ../../testdata/summary/every-kind.md ...
import { readFileSync } from 'node:fs';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { chromium } from 'playwright-core';

const css = readFileSync(new URL('./node_modules/github-markdown-css/github-markdown-light.css', import.meta.url), 'utf8');
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node render.mjs FILE.md...');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  // A job summary is shown about 1000 px wide on a 1280 px window.
  const page = await browser.newPage({ viewport: { width: 1040, height: 800 }, deviceScaleFactor: 1 });
  for (const file of files) {
    const md = readFileSync(file, 'utf8');
    const body = micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; max-width: 1012px; padding: 16px 24px; }
</style></head><body><article class="markdown-body">${body}</article></body></html>`;
    await page.setContent(html, { waitUntil: 'load' });
    const png = file.replace(/\.md$/, '.png');
    await page.screenshot({ path: png, fullPage: true });
    console.log(`${png}: ${await page.evaluate(() => document.body.scrollHeight)} px high`);
    // The same page with every ladder unfolded, as a reviewer who clicks sees it.
    const folded = await page.evaluate(() => {
      const closed = [...document.querySelectorAll('details:not([open])')];
      closed.forEach((d) => { d.open = true; });
      return closed.length;
    });
    if (folded > 0) {
      const open = file.replace(/\.md$/, '-unfolded.png');
      await page.screenshot({ path: open, fullPage: true });
      console.log(`${open}: ${folded} ladders unfolded`);
    }
  }
} finally {
  await browser.close();
}
