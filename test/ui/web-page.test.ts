// The web page in a real browser (Chromium, headless): it loads from the server alone, finds a
// record, shows its associations and graph, expands the graph and adds an association that the
// HubSpot-shaped API then answers.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Core } from 'cytoscape';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** In CI a missing browser is a failure; elsewhere the test says why it did not run. */
const missingBrowser =
  existsSync(CHROMIUM) || process.env['CI'] !== undefined
    ? false
    : `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;

/** The page, built from web/ once for this file into a directory of its own, as `npm run build:ui` does. */
let uiDirectory = '';
before(async () => {
  if (missingBrowser !== false) return;
  uiDirectory = mkdtempSync(join(tmpdir(), 'has-ui-'));
  await build({
    configFile: 'web/vite.config.ts',
    logLevel: 'warn',
    build: { outDir: uiDirectory, emptyOutDir: true },
  });
});
after(() => {
  if (uiDirectory !== '') rmSync(uiDirectory, { recursive: true, force: true });
});

async function openPage(t: TestContext, origin: string): Promise<Page> {
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  } catch (error) {
    throw new Error(`Chromium at ${CHROMIUM} did not start: ${String(error)}`);
  }
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('blob:')) {
      elsewhere.push(request.url());
    }
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  t.after(() => {
    assert.deepEqual(elsewhere, [], 'the page asked another host');
    assert.deepEqual(pageErrors, [], 'the page threw');
  });
  return page;
}

/** Clicks a node of the graph where it is drawn, as a user would: the graph is a canvas. */
async function clickGraphNode(page: Page, caption: string): Promise<void> {
  const box = page.locator('.graph');
  const position = await box.evaluate((element, wanted) => {
    const registry = (element as unknown as { _cyreg: { cy: Core } })._cyreg;
    const node = registry.cy.nodes().filter((candidate) => candidate.data('caption') === wanted);
    return node.nonempty() ? node.renderedPosition() : null;
  }, caption);
  assert.ok(position, `no node "${caption}" in the graph`);
  await box.click({ position });
}

/** One company with 12 contacts (more than a graph page), and a second company on its own. */
async function seed(testApp: TestApp) {
  const [acme, globex] = await testApp.createRecords('companies', 2);
  const contacts = await testApp.createRecords('contacts', 12);
  const answer = await testApp.request(
    'POST',
    '/crm/v4/associations/contacts/companies/batch/associate/default',
    {
      inputs: contacts.map((id) => ({ from: { id }, to: { id: acme } })),
    },
  );
  assert.equal(answer.status, 200, answer.text);
  await testApp.request('PATCH', `/crm/v3/objects/contacts/${contacts[3]}`, {
    properties: { email: 'ada@example.com' },
  });
  return { acme: acme!, globex: globex!, contacts };
}

test(
  'the web page finds a record, draws and expands its graph, and adds an association',
  { skip: missingBrowser, timeout: 60_000 },
  async (t) => {
    const testApp = await buildTestApp(t, { uiDirectory });
    const { acme, globex, contacts } = await seed(testApp);
    const origin = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const page = await openPage(t, origin);

    await page.goto(`${origin}/_emulator/ui/`);
    await page.getByRole('button', { name: 'contacts (12)' }).click();
    await page.getByRole('button', { name: 'companies (2)' }).waitFor();

    // Search by a property value, then open what was found.
    await page.getByLabel('Find by id or property value').fill('ada@example');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByRole('table').filter({ hasText: '1 found' }).waitFor();
    const ada = contacts[3]!;
    await page.getByRole('button', { name: `Open contacts ${ada}` }).click();
    await page.getByRole('heading', { name: `Record: contacts ${ada}` }).waitFor();

    // Its association with the company, both in the table and in the graph.
    await page.getByRole('button', { name: `Open companies ${acme}` }).waitFor();
    await page.getByText('Graph: 2 records, 1 links').waitFor();

    // Expanding the company draws its first page of contacts and a "more" node for the rest.
    await page.getByRole('button', { name: `Expand companies ${acme} in the graph` }).click();
    await page.getByText('Graph: 11 records, 10 links, 1 "more"').waitFor();
    if (process.env['UI_SCREENSHOT']) await page.screenshot({ path: process.env['UI_SCREENSHOT'] });

    // Clicking the "more" node on the canvas draws the company's remaining contacts.
    // (The page above the graph grew after it was drawn: the click must still find the node.)
    await clickGraphNode(page, 'more contacts…');
    await page.getByText('Graph: 13 records, 12 links.').waitFor();

    // Add an association from the page (keyboard only), then read it through the API.
    await page.getByLabel('To object type').selectOption('companies');
    await page.getByLabel('To record id').fill(globex);
    await page.getByLabel('To record id').press('Enter');
    await page.getByRole('button', { name: `Open companies ${globex}` }).waitFor();
    const read = await testApp.request(
      'GET',
      `/crm/v4/objects/contacts/${ada}/associations/companies`,
    );
    assert.deepEqual(
      read.body.results.map((row: { toObjectId: number }) => String(row.toObjectId)).sort(),
      [acme, globex].sort(),
    );

    // And remove it again.
    await page.getByRole('button', { name: `Remove association with companies ${globex}` }).click();
    await page
      .getByRole('button', { name: `Open companies ${globex}` })
      .waitFor({ state: 'detached' });
    const after = await testApp.request(
      'GET',
      `/crm/v4/objects/contacts/${ada}/associations/companies`,
    );
    assert.deepEqual(
      after.body.results.map((row: { toObjectId: number }) => String(row.toObjectId)),
      [acme],
    );
  },
);

test(
  'in strict mode the page asks for the admin token before it shows anything',
  { skip: missingBrowser, timeout: 60_000 },
  async (t) => {
    const testApp = await buildTestApp(t, {
      uiDirectory,
      auth: 'strict',
      adminToken: 'admin-secret-1',
    });
    const origin = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const page = await openPage(t, origin);

    await page.goto(`${origin}/_emulator/ui/`);
    await page.getByText('Give the admin token to see the portals').waitFor();
    await page.getByLabel('Admin token (strict mode)').fill('admin-secret-1');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('heading', { name: 'Portals' }).waitFor();

    // The portal's API needs a portal token in strict mode: the page makes one on request.
    await page.getByRole('button', { name: 'Create a token for this page' }).click();
    await page.getByRole('heading', { name: 'Labels and limits' }).waitFor();
    await page.getByLabel('New label').fill('Manager');
    await page.getByRole('button', { name: 'Create label' }).click();
    await page.getByRole('button', { name: 'Delete label Manager' }).waitFor();

    // A fault added on the page fails the portal's next request, which the live log shows.
    await page.getByLabel('Live').check();
    await page.getByLabel('Status').selectOption('503');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await page.getByText('any path → 503, 1 left').waitFor();
    const token = await page.getByLabel(/^Portal token/).inputValue();
    const failed = await fetch(`${origin}/crm/v3/objects/deals`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(failed.status, 503);
    await page
      .getByRole('row')
      .filter({ hasText: 'GET /crm/v3/objects/deals' })
      .filter({ hasText: '503' })
      .waitFor();
    await page.getByRole('button', { name: 'Clear faults' }).click();
    await page.getByText('any path → 503').waitFor({ state: 'detached' });
  },
);
