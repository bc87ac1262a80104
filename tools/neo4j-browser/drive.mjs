// Drives Neo4j Browser (served by the tools/neo4j launcher at /browser) in the system's headless
// Chromium with playwright-core (the exact version in package.json), the way a user does it:
// open Browser with the connect URL filled in, choose "No authentication" and connect, type
// `:params`/`:param` lines and paste a canned query file, read the result frame's table, drop
// the GraSS file onto the window, show `:style`, run a query that returns nodes and read how
// the graph view draws them; a screenshot of each result frame is written for people to look at.
//
// Usage: node tools/neo4j-browser/drive.mjs PLAN.json   (tests/graph/test_neo4j_browser.py)
// PLAN: {browserUrl, boltUri, chromium, profile, commands: [":params {...}", ...], query,
//        grassFile, graphQuery, tableShot, graphShot, failShot}
// Prints {connected, table: {columns, rows, status}, style, nodes: [{fill, stroke, r, caption}]}
// as JSON; exit code 1 (with the error on stderr) when a step does not happen within its time.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const TIMEOUT_MS = 120_000;
const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const origin = new URL(plan.browserUrl).origin;

let step = 'starting Chromium';
let page;
const context = await chromium.launchPersistentContext(plan.profile, {
  executablePath: plan.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
context.setDefaultTimeout(TIMEOUT_MS);
try {
  // only Neo4j's own servers: Browser's web fonts and news would reach for the internet
  const ours = new Set([origin, new URL(plan.boltUri.replace(/^bolt/, 'http')).origin]);
  await context.route((url) => !ours.has(url.origin), (route) => route.abort());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  page = context.pages()[0] ?? (await context.newPage());
  const frames = page.getByTestId('frame');

  // pasting (not typing) keeps the editor from closing brackets and quotes as one types
  const run = async (text) => {
    const before = await frames.count();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.getByTestId('activeEditor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await page.getByTestId('editor-Run').click();
    if (text !== ':clear') {
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="frame"]').length > n, before);
    }
    return frames.first();
  };
  const finished = async (frame) => {
    await frame.getByTestId('frameStatusbar').getByText(/completed after/).waitFor();
    return frame;
  };

  step = 'connecting';
  await page.goto(`${plan.browserUrl}?dbms=${encodeURIComponent(plan.boltUri)}`);
  await page.getByTestId('authenticationMethod').selectOption({ label: 'No authentication' });
  await page.getByTestId('connect').click();
  const connected = page.getByText('You have a working connection');
  await connected.waitFor();
  const result = { connected: (await connected.innerText()).trim() };
  await run(':clear');

  step = 'setting the parameters';
  for (const command of plan.commands) {
    await (await run(command)).getByText('Successfully set your parameters').waitFor();
  }
  step = 'running the canned query';
  const table = await finished(await run(plan.query));
  await table.getByRole('table').waitFor();
  result.table = {
    // the first header is that of the row numbers, which are no cells
    columns: (await table.getByRole('columnheader').allInnerTexts()).filter((h) => h !== ''),
    rows: await table.getByRole('row').evaluateAll((rows) => rows
      .map((row) => [...row.querySelectorAll('[role="cell"]')].map((c) => c.innerText))
      .filter((cells) => cells.length > 0)),
    status: (await table.getByTestId('frameStatusbar').innerText()).trim(),
  };
  await table.screenshot({ path: plan.tableShot });

  // drag the .grass file onto the window, as Browser's documentation says
  step = 'dropping the style file';
  const grass = readFileSync(plan.grassFile, 'utf8');
  const drop = await page.evaluateHandle(([text, name]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name));
    return data;
  }, [grass, plan.grassFile.split('/').pop()]);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('[data-testid="main"]', type, { dataTransfer: drop });
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="frameCommand"]')
    ?.innerText.includes(':style'));
  await run(':style');
  result.style = await frames.first().getByTestId('frameContents').innerText();

  step = 'drawing the graph';
  const graph = await run(plan.graphQuery); // a graph frame has no status line: wait for nodes
  await graph.locator('svg g.node').first().waitFor();
  await page.waitForTimeout(1500); // let the force layout settle before the picture
  result.nodes = await graph.locator('svg g.node').evaluateAll((nodes) => nodes.map((g) => {
    const circle = g.querySelector('circle.b-outline');
    return {
      fill: circle.getAttribute('fill'),
      stroke: circle.getAttribute('stroke'),
      r: Number(circle.getAttribute('r')),
      caption: g.querySelector('text.caption')?.textContent.trim() ?? '',
    };
  }));
  await graph.screenshot({ path: plan.graphShot });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stderr.write(`neo4j-browser: failed while ${step}: ${error.message}\n`);
  if (page && plan.failShot) await page.screenshot({ path: plan.failShot, fullPage: true });
  process.exitCode = 1;
} finally {
  await context.close();
}
