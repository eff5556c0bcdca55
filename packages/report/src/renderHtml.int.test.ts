// The page functions run in the browser; DOM types are not in this package's lib, hence `any` there.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/sampleReport.js';
import { renderHtml } from './html/renderHtml.js';

const executablePath = process.env.DRIFTWATCH_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium && process.env.CI) {
  // In CI the browser is part of the image: a missing one is a broken image, not a reason to skip.
  throw new Error(`renderHtml.int.test: Chromium not found at ${executablePath} (set DRIFTWATCH_CHROMIUM) and CI is set`);
}

describe.skipIf(!haveChromium)(
  `the rendered report in headless Chromium (${haveChromium ? executablePath : `skipped: no Chromium at ${executablePath}`})`,
  () => {
    let browser: Browser;
    let dir: string;
    const model = sampleReport();

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'driftwatch-report-'));
      browser = await chromium.launch({
        executablePath,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      it(`opens offline from file:// and draws every chart (${colorScheme})`, async () => {
        const file = join(dir, `report-${colorScheme}.html`);
        writeFileSync(file, renderHtml(model));
        const url = pathToFileURL(file).href;
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
        const errors: string[] = [];
        const requests: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(url, { waitUntil: 'load' });

        expect(errors).toEqual([]);
        // The only request is the page itself: no script, font, image or style is fetched.
        expect(requests).toEqual([url]);

        const charts = await page.locator('svg.chart').count();
        expect(charts).toBe(model.distributions!.length + model.timeSeries!.length);
        expect(await page.locator('svg.chart.hist').count()).toBe(8);
        expect(await page.locator('svg.chart.cat').count()).toBe(4);
        expect(await page.locator('svg.chart.ts').count()).toBe(3);

        // Every distribution chart has visible bars on both sides: bounding boxes of the bar paths.
        const barBoxes = await page.$$eval('svg.chart path.bar', (paths) =>
          paths.map((p) => {
            const b = (p as any).getBBox();
            const r = p.getBoundingClientRect();
            return {
              cls: p.getAttribute('class'),
              h: b.height,
              w: b.width,
              screenH: r.height,
              fill: (globalThis as any).getComputedStyle(p).fill,
            };
          }),
        );
        expect(barBoxes).toHaveLength(2 * 12);
        for (const b of barBoxes) {
          expect(b.h).toBeGreaterThan(0);
          expect(b.w).toBeGreaterThan(0);
          expect(b.screenH).toBeGreaterThan(0);
          expect(b.fill).not.toBe('none');
        }
        const refFill = barBoxes.find((b) => b.cls === 'bar ref')!.fill;
        const curFill = barBoxes.find((b) => b.cls === 'bar cur')!.fill;
        expect(refFill).not.toBe(curFill);

        // Lines, confidence band, threshold band and alert markers of the time series drew.
        const tsShapes = await page.$$eval('svg.chart.ts', (svgs) =>
          svgs.map((svg) => ({
            lineLen: Array.from(svg.querySelectorAll('path.ln')).reduce((s, p) => s + (p as any).getTotalLength(), 0),
            alerts: svg.querySelectorAll('path.al').length,
            band: (svg.querySelector('rect.tb') as any)?.getBBox().height ?? 0,
            ci: (svg.querySelector('path.ci') as any)?.getBBox().width ?? 0,
          })),
        );
        expect(tsShapes[0].lineLen).toBeGreaterThan(600);
        expect(tsShapes[0].alerts).toBe(1);
        expect(tsShapes[0].band).toBeGreaterThan(10);
        expect(tsShapes[0].ci).toBeGreaterThan(600);
        expect(tsShapes[1].alerts).toBe(1);
        expect(tsShapes[2].lineLen).toBeGreaterThan(600);

        expect(await page.locator('#verdict').textContent()).toMatch(/Drift detected in 6 of 12 columns/);
        expect(await page.title()).toBe(model.title);
        // Escaped names show as text; the hostile category name did not become an element.
        expect(await page.locator('main script').count()).toBe(0);
        expect(await page.locator('h1').textContent()).toBe(model.title);
        expect(await page.locator('#drift tbody th', { hasText: 'tenure <months>' }).count()).toBe(1);

        // The embedded data parses in the page itself.
        const embedded = await page.evaluate(
          () => JSON.parse((globalThis as any).document.getElementById('driftwatch-data').textContent).report.title,
        );
        expect(embedded).toBe(model.title);

        // The hover tooltip (the optional script) shows a histogram bin's shares.
        const hist = page.locator('svg.chart.hist').first();
        await hist.scrollIntoViewIfNeeded();
        const box = (await hist.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        expect(await page.locator('#tip').isVisible()).toBe(true);
        expect(await page.locator('#tip').textContent()).toMatch(/reference [\d.]+%[\s\S]*current [\d.]+%/);

        const ts = page.locator('svg.chart.ts').first();
        await ts.scrollIntoViewIfNeeded();
        const tsBox = (await ts.boundingBox())!;
        await page.mouse.move(tsBox.x + tsBox.width * 0.98, tsBox.y + tsBox.height / 2);
        // The last chunk: an alert on the estimate, no realised value yet.
        const tsTip = (await page.locator('#tip').textContent())!.split('\n');
        expect(tsTip[0]).toBe(model.timeSeries![0].chunks.at(-1));
        expect(tsTip[1]).toMatch(/^estimated: 0\.\d+ \[0\.\d+, 0\.\d+\] ▲ alert$/);
        expect(tsTip[2]).toBe('realised: —');

        const png = join(process.env.DRIFTWATCH_SCREENSHOT_DIR ?? dir, `report-${colorScheme}.png`);
        await page.screenshot({ path: png, fullPage: true });
        expect(existsSync(png)).toBe(true);
        expect(errors).toEqual([]);
        await page.close();
      });
    }

    it('draws without JavaScript', async () => {
      const file = join(dir, 'report-nojs.html');
      writeFileSync(file, renderHtml(model));
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      const heights = await page.$$eval('svg.chart path.bar', (ps) => ps.map((p) => p.getBoundingClientRect().height));
      expect(heights.length).toBe(24);
      expect(heights.every((h) => h > 0)).toBe(true);
      expect(await page.locator('#tip').count()).toBe(0);
      await context.close();
    });
  },
);
