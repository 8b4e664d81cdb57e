import { test, expect, visit, waitForHydration } from "./fixtures";
import { freshNrn, registerEnterprise } from "./support/operator";
import type { Page } from "@playwright/test";

/** At the provider (the real `oidc-provider`, its own login form): sign in as `login`. */
async function signInAtProvider(page: Page, login: string) {
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("the main access manager signs in through an identity provider without an app code and activates the enterprise", async ({ page }) => {
  const { nrn } = registerEnterprise("Provider Activation NV");
  await visit(page, "/sign-in");
  await expect(page.getByRole("heading", { name: "With an identity provider" })).toBeVisible();
  await expect(page.getByLabel("National register number or username")).toBeVisible();
  await page.getByRole("button", { name: "Test provider" }).click();

  await expect(page).toHaveURL(/127\.0\.0\.1:3190\/interaction\//);
  await signInAtProvider(page, nrn);

  // Back at the product, signed in: the enterprise is active at once, and the e-Box says so.
  await expect(page).toHaveURL(/\/$/);
  await waitForHydration(page);
  const header = page.locator(".site-header");
  await expect(header).toContainText("Anna Peeters");
  await expect(header).toContainText("Provider Activation NV");
  await page.goto("/ebox");
  await waitForHydration(page);
  await expect(page.getByText("Your enterprise is active")).toBeVisible();
});

test("a person nobody gave access is told so, and no account is made", async ({ page }) => {
  await visit(page, "/sign-in");
  await page.getByRole("button", { name: "Test provider" }).click();
  await signInAtProvider(page, freshNrn());
  await expect(page).toHaveURL(/\/sign-in\?provider_failed=unknown_person$/);
  await waitForHydration(page);
  await expect(page.getByRole("alert")).toHaveText(
    "Nobody with this national register number has access to Access Management. An administrator of your enterprise must first give you access.",
  );
  // Still signed out.
  const me = await page.request.post("/api/auth/me", {
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    data: "",
  });
  expect(await me.json()).toBeNull();
});

test("a provider's ID token for another audience is refused with a clear message", async ({ page }) => {
  const { nrn } = registerEnterprise("Provider Audience NV");
  await visit(page, "/sign-in");
  await page.getByRole("button", { name: "Test provider" }).click();
  await signInAtProvider(page, `other-audience:${nrn}`);
  await expect(page).toHaveURL(/provider_failed=invalid_token$/);
  await waitForHydration(page);
  await expect(page.getByRole("alert")).toContainText("could not be verified");
});
