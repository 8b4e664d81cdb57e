import { test, expect, visit, waitForHydration, hasFoldedNavigation, menuToggle, openNavigation } from "./fixtures";

test("landing page says what the product is and links to sign-in", async ({ page }) => {
  await visit(page, "/");
  await expect(page).toHaveTitle("Home · Access Management");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Decide who in your enterprise may use which online services",
  );
  await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
});

test("switching language shows the page in that language and remembers the choice", async ({ page }) => {
  await visit(page, "/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The switcher is an island: it keeps the choice in a cookie and shows the page again,
  // rendered by the server in that language.
  await openNavigation(page);
  await page.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Legen Sie fest, wer in Ihrem Unternehmen welche Onlinedienste nutzen darf",
  );
  await expect(page).toHaveTitle("Startseite · Zugangsverwaltung");
  await waitForHydration(page);
  await openNavigation(page);
  await expect(page.getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-pressed", "true");
  const cookie = (await page.context().cookies()).find((c) => c.name === "lang");
  expect(cookie?.value).toBe("de");
  expect(cookie?.path).toBe("/");
  expect(cookie?.sameSite).toBe("Lax");

  // Another page comes in German too.
  await visit(page, "/roles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wer verwaltet was");

  for (const [name, lang, heading] of [
    ["Français", "fr", "Qui gère quoi"],
    ["Nederlands", "nl", "Wie beheert wat"],
    ["English", "en", "Who administers what"],
  ]) {
    await openNavigation(page);
    await page.getByRole("button", { name }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await waitForHydration(page);
  }
});

test.describe("a browser that prefers Dutch", () => {
  test.use({ locale: "nl-BE" });

  test("gets Dutch from Accept-Language without any cookie", async ({ page }) => {
    await visit(page, "/roles");
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wie beheert wat");
  });
});

test("an unknown address shows the 404 page with a way home", async ({ page }) => {
  const response = await visit(page, "/does/not/exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("main").getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Decide who in your enterprise may use which online services",
  );
});

test("navigation: links visible on desktop, folded into a menu below 900 px", async ({ page }) => {
  await visit(page, "/");
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  if (!hasFoldedNavigation(page)) {
    await expect(menu).toBeHidden();
    await expect(nav.getByRole("link", { name: "Roles" })).toBeVisible();
    return;
  }
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Roles" })).toBeHidden();

  await menu.click();
  const close = page.getByRole("button", { name: "Close menu", exact: true });
  await expect(close).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Roles" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Nederlands" })).toBeVisible();

  // Following a link closes the menu.
  await nav.getByRole("link", { name: "Roles" }).click();
  await expect(page).toHaveURL(/\/roles$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who administers what");
  await expect(page.getByRole("button", { name: "Menu", exact: true })).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Roles" })).toBeHidden();
});

test("keyboard alone: skip link, navigation and language switch", async ({ page }) => {
  await visit(page, "/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);

  await page.locator("body").focus();
  await openNavigationWithKeyboard(page);
  const french = page.getByRole("button", { name: "Français" });
  await french.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  // The page came again in French, its menu folded again where it folds.
  await waitForHydration(page);
  await openNavigation(page);
  await expect(french).toHaveAttribute("aria-pressed", "true");
});

async function openNavigationWithKeyboard(page: Page) {
  if (!hasFoldedNavigation(page)) return;
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Close menu", exact: true })).toHaveAttribute("aria-expanded", "true");
}

test("every page of the shell renders, is reachable from the navigation, and is accessible", async ({ page }) => {
  await visit(page, "/");
  for (const [link, heading, path] of [
    ["Roles", "Who administers what", "/roles"],
    ["Sign in", "Sign in", "/sign-in"],
    ["Home", "Decide who in your enterprise may use which online services", "/"],
  ]) {
    await openNavigation(page);
    // Sign in sits beside the navigation, in the same header (and folded menu).
    await page.getByRole("banner").getByRole("link", { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/" : path}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    // The folded menu has closed again, so look the link up by address rather than by role.
    await expect(page.locator(`#site-nav a[href="${path}"]`)).toHaveAttribute("aria-current", "page");
  }
});

test("the bundle has hashed names, is kept for good and comes compressed from the build", async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the files are the same at every size");
  await visit(page, "/");
  const files = await page.evaluate(() => [
    ...Array.from(document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]"), (l) => l.href),
    ...Array.from(document.querySelectorAll<HTMLLinkElement>("link[rel=modulepreload], link[rel=preload]"), (l) => l.href),
  ]);
  const names = files.map((href) => new URL(href).pathname);
  for (const ending of [".css", ".js", ".wasm"]) {
    expect(names.some((name) => new RegExp(`^/pkg/access\\.[A-Za-z0-9_-]{8,}\\${ending}$`).test(name)), `${ending} in ${names}`).toBe(true);
  }
  for (const name of names) {
    const compressed = await request.get(name, { headers: { "accept-encoding": "br" } });
    expect(compressed.status(), name).toBe(200);
    expect(compressed.headers()["cache-control"], name).toBe("public, max-age=31536000, immutable");
    expect(compressed.headers()["content-encoding"], name).toBe("br");
    const gzip = await request.get(name, { headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers()["content-encoding"], name).toBe("gzip");
  }
  // The page itself is never kept.
  const html = await request.get("/");
  expect(html.headers()["cache-control"]).toBe("no-store");
});
