/*
 * Browser tests of the assembled portal: the real backend process (SQLite, demo catalog)
 * and the frontend dev server, exactly as `scripts/dev start` runs them, in headless Chromium.
 * Screenshots land in e2e-artifacts/ (git-ignored).
 */
import { Browser, Page } from 'playwright-core';
import { BackendProcess, startBackendProcess } from './harness/startBackendProcess';
import { AppDevServer, startAppDevServer } from './harness/startAppDevServer';
import { collectPageErrors, launchChromium, screenshot, signInAsGuest } from './harness/browser';

jest.setTimeout(300_000);

let backend: BackendProcess;
let app: AppDevServer;
let browser: Browser;
let page: Page;
let pageErrors: string[];

beforeAll(async () => {
  backend = await startBackendProcess({
    config: { backend: { cors: { origin: 'http://127.0.0.1:*' } } },
  });
  app = await startAppDevServer({ backendBaseUrl: backend.baseUrl });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await backend?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  pageErrors = collectPageErrors(page);
});

afterEach(async () => {
  const name = expect.getState().currentTestName?.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  if (page && name) await screenshot(page, name);
  await page?.close();
});

describe('the catalog', () => {
  it('shows the demo components after a guest sign-in', async () => {
    await signInAsGuest(page, app.baseUrl);
    await page.waitForURL(/\/catalog/); // the root opens the catalog
    await page.goto(`${app.baseUrl}/catalog?filters[kind]=component&filters[user]=all`);
    for (const title of ['Network (VPC)', 'EKS cluster', 'Payments API']) {
      await page.getByRole('link', { name: title }).first().waitFor();
    }
    await page.getByRole('link', { name: 'Payments API' }).first().click();
    await page.getByText('Card and wallet payments API').first().waitFor();
    expect(pageErrors).toEqual([]);
  });
});
