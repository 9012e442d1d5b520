// The web page in a real browser (Chromium, headless): it loads from the server alone, finds a
// record through the server's search, shows its associations both ways and its graph, expands the
// graph by pointer and by keyboard, adds an association that the HubSpot-shaped API then answers,
// stays usable on a record with thousands of associations, exports, resets and imports a
// portal, and lists the portal's webhook deliveries.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Core } from 'cytoscape';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { startReceiver } from '../helpers/webhook-receiver.js';

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

/**
 * One company with 12 contacts (more than a graph page), a second company on its own, and a
 * contact-to-company label.
 */
async function seed(testApp: TestApp) {
  const [acme, globex] = await testApp.createRecords('companies', 2);
  const contacts = await testApp.createRecords('contacts', 12);
  const label = await testApp.request('POST', '/crm/v4/associations/contacts/companies/labels', {
    name: 'manager',
    label: 'Manager',
    inverseLabel: 'Managed company',
  });
  assert.equal(label.status, 200, label.text);
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

    // Its association with the company, both ways (each direction's own type), and in the graph.
    const acmeRow = page.getByRole('row').filter({
      has: page.getByRole('button', { name: `Open companies ${acme}` }),
    });
    await acmeRow.waitFor();
    assert.deepEqual(
      (await acmeRow.getByRole('cell').allInnerTexts()).slice(1, 3).map((text) => text.trim()),
      ['unlabelled (HUBSPOT_DEFINED 279)', 'unlabelled (HUBSPOT_DEFINED 280)'],
    );
    await page.getByText('Graph: 2 records, 1 links').waitFor();

    // The graph's nodes are a list the keyboard moves through: the arrow keys go from node to
    // node (one Tab stop for the whole list), and Enter expands the company, which draws its first
    // page of contacts and a "more" node for the rest.
    const nodes = page.getByRole('list', { name: 'Graph nodes' });
    await nodes.getByRole('button', { name: `Expand contacts ${ada} in the graph` }).focus();
    await page.keyboard.press('ArrowDown');
    const companyNode = nodes.getByRole('button', {
      name: `Expand companies ${acme} in the graph`,
    });
    assert.equal(await companyNode.evaluate((node) => node.matches(':focus')), true);
    await page.keyboard.press('Enter');
    await page.getByText('Graph: 11 records, 10 links, 1 "more"').waitFor();
    assert.equal(await companyNode.getAttribute('aria-pressed'), 'true');
    await nodes.getByRole('button', { name: `Draw more contacts of companies ${acme}` }).waitFor();
    if (process.env['UI_SCREENSHOT']) await page.screenshot({ path: process.env['UI_SCREENSHOT'] });

    // Clicking the "more" node on the canvas draws the company's remaining contacts.
    // (The page above the graph grew after it was drawn: the click must still find the node.)
    await clickGraphNode(page, 'more contacts…');
    await page.getByText('Graph: 13 records, 12 links.').waitFor();

    // Add a labelled association from the page (keyboard only), then read it through the API;
    // the page shows the label one way and its inverse the other.
    await page.getByLabel('To object type').selectOption('companies');
    await page.getByLabel('Association label').selectOption({ label: 'Manager' });
    await page.getByLabel('To record id').fill(globex);
    await page.getByLabel('To record id').press('Enter');
    const globexRow = page.getByRole('row').filter({
      has: page.getByRole('button', { name: `Open companies ${globex}` }),
    });
    await globexRow.waitFor();
    const [, forward = '', back = ''] = await globexRow.getByRole('cell').allInnerTexts();
    assert.match(forward, /Manager \(USER_DEFINED \d+\)/);
    assert.match(back, /Managed company \(USER_DEFINED \d+\)/);
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

/** How many contacts the large company has: enough to page, small enough to run in seconds. */
const LARGE_COMPANY_CONTACTS = Number(process.env['UI_LARGE_COMPANY_CONTACTS'] ?? 2000);

test(
  'a company with thousands of contacts opens with a page of them, and both lists page on',
  { skip: missingBrowser, timeout: 120_000 },
  async (t) => {
    const testApp = await buildTestApp(t, { uiDirectory });
    const [company] = await testApp.createRecords('companies', 1);
    const contacts = await testApp.createRecords('contacts', LARGE_COMPANY_CONTACTS);
    for (let start = 0; start < contacts.length; start += 2000) {
      const answer = await testApp.request(
        'POST',
        '/crm/v4/associations/companies/contacts/batch/associate/default',
        {
          inputs: contacts
            .slice(start, start + 2000)
            .map((id) => ({ from: { id: company }, to: { id } })),
        },
      );
      assert.equal(answer.status, 200, answer.text);
    }
    const origin = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const page = await openPage(t, origin);

    // Found by id through the server's search, with the count from the summary.
    await page.goto(`${origin}/_emulator/ui/`);
    await page.getByRole('button', { name: `contacts (${LARGE_COMPANY_CONTACTS})` }).waitFor();
    await page.getByRole('button', { name: 'companies (1)' }).click();
    await page.getByLabel('Find by id or property value').fill(company!);
    await page.getByLabel('Find by id or property value').press('Enter');
    await page.getByRole('table').filter({ hasText: '1 found' }).waitFor();
    await page.getByRole('button', { name: `Open companies ${company}` }).click();

    // One page of contacts in the table, one page in the graph, each with a way on.
    await page.getByText('100 contacts shown (more to load)').waitFor();
    await page.getByText('Graph: 11 records, 10 links, 1 "more"').waitFor();
    await page.getByRole('button', { name: `Load more contacts of companies ${company}` }).click();
    await page.getByText('200 contacts shown (more to load)').waitFor();

    // The graph's "more", reached from the keyboard: End goes to the last node, Enter loads.
    const nodes = page.getByRole('list', { name: 'Graph nodes' });
    await nodes.getByRole('button', { name: `Expand companies ${company} in the graph` }).focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByText('Graph: 21 records, 20 links, 1 "more"').waitFor();
    // Focus stays in the list, on the next "more": Enter again draws the next page.
    await page.keyboard.press('Enter');
    await page.getByText('Graph: 31 records, 30 links, 1 "more"').waitFor();
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
    const token = await page.getByLabel(/^Portal token/).inputValue();
    const labels = async () =>
      (
        (await (
          await fetch(`${origin}/crm/v4/associations/contacts/companies/labels`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { results: { label: string | null }[] }
      ).results.map((type) => type.label);
    assert.ok((await labels()).includes('Manager'), 'the label is created through the API');
    await page.getByRole('button', { name: 'Delete label Manager' }).click();
    await page.getByRole('button', { name: 'Delete label Manager' }).waitFor({ state: 'detached' });
    assert.ok(!(await labels()).includes('Manager'), 'and deleted');

    // A fault added on the page fails the portal's next request, which the live log shows.
    await page.getByLabel('Live', { exact: true }).check();
    await page.getByLabel('Status').selectOption('503');
    await page.getByRole('button', { name: 'Add fault' }).click();
    await page.getByText('any path → 503, 1 left').waitFor();
    const failed = await fetch(`${origin}/crm/v3/objects/deals`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(failed.status, 503);
    const failedRow = page
      .getByRole('row')
      .filter({ hasText: 'GET /crm/v3/objects/deals' })
      .filter({ hasText: '503' });
    await failedRow.waitFor();
    // Its answer's body, opened from the keyboard.
    await failedRow.getByText('Bodies of GET /crm/v3/objects/deals').focus();
    await page.keyboard.press('Enter');
    await failedRow.getByText('"status": "error"').waitFor();
    await page.getByRole('button', { name: 'Clear faults' }).click();
    await page.getByText('any path → 503').waitFor({ state: 'detached' });
  },
);

test(
  'the page shows Primary, limits and a custom type, and exports, resets and imports a portal',
  { skip: missingBrowser, timeout: 60_000 },
  async (t) => {
    const testApp = await buildTestApp(t, { uiDirectory });
    const { acme, contacts } = await seed(testApp);
    const first = contacts[0]!;
    // The first contact's company is its Primary one, and a limit holds for the pair.
    const primary = await testApp.request(
      'PUT',
      `/crm/v4/objects/contacts/${first}/associations/companies/${acme}`,
      [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
    );
    assert.equal(primary.status, 201, primary.text);
    const limit = await testApp.request(
      'POST',
      '/crm/associations/v4/definitions/configurations/contacts/companies/batch/create',
      { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 5 }] },
    );
    assert.equal(limit.status, 201, limit.text);
    // A custom type too: the page names it as paths take it.
    const schema = await testApp.request('POST', '/crm/v3/schemas', {
      name: 'cars',
      labels: { singular: 'Car', plural: 'Cars' },
      primaryDisplayProperty: 'model',
      properties: [{ name: 'model', label: 'Model', type: 'string', fieldType: 'text' }],
      associatedObjects: ['CONTACT'],
    });
    assert.equal(schema.status, 201, schema.text);
    const car = await testApp.request('POST', '/crm/v3/objects/cars', {
      properties: { model: 'Golf' },
    });
    const origin = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const page = await openPage(t, origin);
    const contactsOfAcme = async () =>
      (await testApp.request('GET', `/crm/v4/objects/companies/${acme}/associations/contacts`)).body
        .results.length as number;

    await page.goto(`${origin}/_emulator/ui/`);
    await page.getByRole('button', { name: 'contacts (12)' }).click();
    await page.getByLabel('Find by id or property value').fill(first);
    await page.getByLabel('Find by id or property value').press('Enter');
    await page.getByRole('button', { name: `Open contacts ${first}` }).click();
    const acmeRow = page.getByRole('row').filter({
      has: page.getByRole('button', { name: `Open companies ${acme}` }),
    });
    await acmeRow.locator('strong.primary').first().waitFor();
    assert.equal(await acmeRow.locator('strong.primary').count(), 2, 'Primary both ways (1 and 2)');
    await page.getByText(/contacts → companies HUBSPOT_DEFINED 279: at most 5/).waitFor();

    await page.getByRole('button', { name: `p${DEFAULT_PORTAL_ID}_cars (1)` }).click();
    await page.getByLabel('Find by id or property value').fill(car.body.id);
    await page.getByLabel('Find by id or property value').press('Enter');
    await page
      .getByRole('button', { name: `Open p${DEFAULT_PORTAL_ID}_cars ${car.body.id}` })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export portal' }).click(),
    ]);
    const saved = join(uiDirectory, 'exported-portal.json');
    await download.saveAs(saved);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset portal' }).click();
    await page.getByRole('button', { name: 'contacts (12)' }).waitFor({ state: 'detached' });
    assert.equal((await testApp.request('GET', `/crm/v3/objects/companies/${acme}`)).status, 404);

    await page.getByLabel('Import portal (replaces its state)').setInputFiles(saved);
    await page.getByRole('button', { name: 'contacts (12)' }).waitFor();
    await page.getByRole('button', { name: `p${DEFAULT_PORTAL_ID}_cars (1)` }).waitFor();
    assert.equal((await testApp.request('GET', `/crm/v3/objects/companies/${acme}`)).status, 200);
    assert.equal(await contactsOfAcme(), 12, 'the associations came back with the records');
  },
);

test(
  "the page lists the portal's webhook deliveries with their attempts, and sends due ones on request",
  { skip: missingBrowser, timeout: 60_000 },
  async (t) => {
    // No delivery loop: the event waits until the page's button sends it.
    const testApp = await buildTestApp(t, { uiDirectory, webhooks: { deliver: false } });
    const receiver = await startReceiver('secret-of-70');
    t.after(() => receiver.close());
    receiver.answer = () => 503;
    assert.equal(
      (await testApp.request('PUT', '/_emulator/apps/70', { clientSecret: 'secret-of-70' })).status,
      200,
    );
    const settings = await testApp.request('PUT', '/webhooks/v3/70/settings', {
      targetUrl: receiver.url,
      throttling: { maxConcurrentRequests: 5 },
    });
    assert.equal(settings.status, 200);
    const subscription = await testApp.request('POST', '/webhooks/v3/70/subscriptions', {
      eventType: 'contact.creation',
    });
    const subscriptionId = Number(subscription.body.id);
    const fields = {
      subscriptionId,
      portalId: DEFAULT_PORTAL_ID,
      appId: 70,
      objectId: 10000000042,
    };
    await testApp.store.transaction((tx) =>
      tx.appendWebhookEvents(
        DEFAULT_PORTAL_ID,
        [
          {
            appId: 70,
            subscriptionId,
            objectTypeId: '0-1',
            objectId: 10000000042,
            head: { ...fields, subscriptionType: 'contact.creation' },
            keys: [],
            values: [],
          },
        ],
        new Date(),
      ),
    );
    const origin = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    const page = await openPage(t, origin);

    await page.goto(`${origin}/_emulator/ui/`);
    const row = page.getByRole('row').filter({ hasText: 'contact.creation' });
    await row.filter({ hasText: '10000000042' }).filter({ hasText: 'pending' }).waitFor();
    await page.getByRole('button', { name: 'Send due events now' }).click();
    await page.getByRole('status').filter({ hasText: '0 delivered' }).waitFor();
    assert.equal(receiver.received.length, 1, 'the receiver was sent the event');
    // The receiver's 503 is on record, and the event waits for its retry.
    await row.getByText('1 attempt', { exact: true }).click();
    await row.getByText('503 (the receiver answered 503)').waitFor();
    await row.getByText('"objectId": 10000000042').waitFor();
    await row.filter({ hasText: 'pending (next ' }).waitFor();
  },
);
