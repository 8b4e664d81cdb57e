import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { baseURL } from "../e2e-env";

/** Fails the test on any axe violation in the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Fails when the page, or anything on it, is wider than the viewport: the page scrolls sideways,
 * an element reaches past its right edge, or a box's content is wider than the box (a table cut
 * at the screen's edge, a line that does not wrap). Reports the first offenders, by tag, class
 * and width.
 */
export async function expectFitsViewport(page: Page) {
  const offenders = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const found: string[] = [];
    const describe = (el: Element, what: string) =>
      `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : ""} ${what}`;
    if (root.scrollWidth > width) found.push(`the page scrolls sideways: ${root.scrollWidth} px in ${width} px`);
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden" || style.position === "fixed") continue;
      // Visually hidden text (in a 1 px clipped box) is for screen readers only.
      let clipped = false;
      for (let box: Element | null = el; box && !clipped; box = box.parentElement) {
        const boxStyle = getComputedStyle(box);
        clipped = boxStyle.clipPath !== "none" || boxStyle.clip.startsWith("rect") || box.hasAttribute("hidden");
      }
      if (clipped) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > width + 1) found.push(describe(el, `ends at ${Math.round(box.right)} px in ${width} px`));
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        const what = /(auto|scroll)/.test(style.overflowX) ? "scrolls sideways" : "spills over";
        found.push(describe(el, `${what}: ${el.scrollWidth} px in ${el.clientWidth} px`));
      }
      if (found.length >= 5) break;
    }
    return found;
  });
  expect(offenders, `content wider than the viewport on ${page.url()}`).toEqual([]);
}

/** Opens `path`, waits until the app has hydrated, and checks accessibility and width. */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await waitForHydration(page);
  await expectAccessible(page);
  await expectFitsViewport(page);
  return response;
}

/** The WASM bundle marks `<html data-hydrated>` once the page is interactive. */
export async function waitForHydration(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/**
 * Every test fails on a browser console error or an uncaught exception (a CSP violation, a
 * failed hydration), and ends with an accessibility and width check of the page's final state.
 */
export const test = base.extend<{ browserErrors: string[] }>({
  browserErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      // Only the product's pages count: an identity provider's own page is not ours to judge
      // (the test provider's login page asks for a font from the internet, out of reach here).
      const ours = () => page.url().startsWith(baseURL);
      page.on("console", (message) => {
        if (message.type() === "error" && ours()) errors.push(message.text());
      });
      page.on("pageerror", (error) => {
        if (ours()) errors.push(error.message);
      });
      await use(errors);
      if (ours()) {
        await expectAccessible(page);
        await expectFitsViewport(page);
      }
      // Chromium logs every 4xx answer; the 404 page and refused requests (401, 403, 410, 422) are
      // part of the scenarios. Nothing else may fail.
      const unexpected = errors.filter((e) => !/responded with a status of (401|403|404|410|422)/.test(e));
      expect(unexpected, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Whether this project's viewport folds the navigation into a menu (below 900 px). */
export function hasFoldedNavigation(page: Page) {
  return (page.viewportSize()?.width ?? 1280) < 900;
}

/** The button that folds the navigation below 900 px, whatever its current label. */
export function menuToggle(page: Page) {
  return page.locator("button.menu-toggle");
}

/** Opens the folded menu when this viewport has one and it is closed. */
export async function openNavigation(page: Page) {
  if (!hasFoldedNavigation(page)) return;
  const toggle = menuToggle(page);
  if ((await toggle.getAttribute("aria-expanded")) === "false") {
    await toggle.click();
  }
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
}
