// Opens an ops report in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and writes
// what a reader would see as JSON: console errors, every network request, the plan rows as rendered, the
// size of every chart and hexagon, and a full-page screenshot. ReportBrowserIT runs it and checks the JSON.
//
//   node report-in-browser.cjs PAGE.html SCREENSHOT.png RESULT.json
// Environment: CHROMIUM (default /usr/bin/chromium); NODE_PATH must hold playwright-core (bin/test installs it).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');
const { chromium } = require('playwright-core');

async function main() {
  const [pagePath, screenshotPath, resultPath] = process.argv.slice(2);
  if (!resultPath) {
    throw new Error('usage: node report-in-browser.cjs PAGE.html SCREENSHOT.png RESULT.json');
  }
  const pageUrl = pathToFileURL(path.resolve(pagePath)).href;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dropcast-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-default-apps', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
  const result = { url: pageUrl, console: [], pageErrors: [], requests: [], blocked: [] };
  try {
    // Anything but the page itself is recorded and refused: the page must need nothing else.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url === pageUrl) {
        return route.continue();
      }
      result.blocked.push(url);
      return route.abort();
    });
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (msg) => result.console.push({ type: msg.type(), text: msg.text() }));
    page.on('pageerror', (err) => result.pageErrors.push(String(err)));
    page.on('request', (req) => result.requests.push(req.url()));
    const started = Date.now();
    await page.goto(pageUrl, { waitUntil: 'load' });
    result.loadMillis = Date.now() - started;
    Object.assign(result, await page.evaluate(() => {
      const box = (el) => { const b = el.getBoundingClientRect(); return { width: b.width, height: b.height }; };
      const rows = [...document.querySelectorAll('tr.plan-row')].map((tr) => {
        const row = { drop_id: tr.dataset.drop, hub_id: tr.dataset.hub, title: tr.querySelector('td.title').textContent };
        tr.querySelectorAll('td[data-col]').forEach((td) => {
          row[td.dataset.col] = Number(td.dataset.value);
          row[td.dataset.col + '_text'] = td.textContent;
        });
        return row;
      });
      const charts = [...document.querySelectorAll('svg[data-chart]')].map((svg) => ({
        id: svg.dataset.chart, ...box(svg),
        marks: svg.querySelectorAll('rect.bar, path.line, circle.point, polygon.hex, polygon.band').length,
      }));
      const hexes = [...document.querySelectorAll('polygon.hex')].map((p) => ({ cell: p.dataset.cell, ...box(p) }));
      const hubs = [...document.querySelectorAll('g.hub')].map((g) => ({ hub: g.dataset.hub, ...box(g) }));
      const card = (id) => document.querySelector(`[data-card="${id}"] b`).textContent;
      return {
        title: document.title, scripts: document.querySelectorAll('script').length, rows, charts, hexes, hubs,
        totalUnits: card('total-units'), warnings: [...document.querySelectorAll('#warnings tr[data-kind]')]
          .map((tr) => tr.dataset.kind),
      };
    }));
    await page.screenshot({ path: screenshotPath, fullPage: true });
    // The printed form: Chromium's PDF of the page, with the print style sheet.
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: screenshotPath.replace(/\.png$/, '.pdf'), format: 'A4', printBackground: true });
    result.printed = true;
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  fs.writeFileSync(resultPath, JSON.stringify(result, null, 1));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
