// What a first visit to each page downloads of the bundle, as Chromium loads it: the stylesheet,
// the JS and WASM the page names, and the WASM chunks of the islands it hydrates (which only the
// running page asks for). Used by scripts/bench-pages.
//
// Input (stdin, JSON): { "base": "http://127.0.0.1:PORT", "visits": [{ "cookie": "name=value",
// "path": "/users" }, …] }. Output (stdout, JSON): for each visit in order, the names of the files
// under /pkg/ the page fetched. Each visit runs in a fresh browser context (an empty cache).

import { chromium } from "../end2end/node_modules/playwright-core/index.mjs";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--no-first-run"],
});
const results = [];
try {
  for (const visit of input.visits) {
    const context = await browser.newContext();
    const [name, ...value] = visit.cookie.split("=");
    if (name) await context.addCookies([{ name, value: value.join("="), url: input.base }]);
    const page = await context.newPage();
    const fetched = new Set();
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith("/pkg/")) fetched.add(url.pathname.slice("/pkg/".length));
    });
    await page.goto(input.base + visit.path);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 30_000 });
    // Islands hydrated lazily fetch their chunks after the page is marked hydrated.
    await page.waitForLoadState("networkidle");
    results.push([...fetched].sort());
    await context.close();
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
