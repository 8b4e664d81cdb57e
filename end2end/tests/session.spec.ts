import { test, expect, visit, openNavigation } from "./fixtures";
import { registerEnterprise } from "./support/operator";
import { activate, signIn } from "./support/session";
import { baseURL } from "../e2e-env";

test("a person linked to two enterprises chooses one, switches without signing out, and reads the audit trail", async ({ page }) => {
  const first = registerEnterprise("Twin Bakery NV");
  const secret = await activate(page, first.activationPath);
  // The operator registers a second enterprise with the same person as its manager (not activated).
  registerEnterprise("Twin Mill BV", first.nrn);

  await signIn(page, first.nrn, secret);
  await expect(page).toHaveURL(/\/enterprise$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choose the enterprise you act for");
  const mill = page.locator(".choice", { hasText: "Twin Mill BV" });
  await expect(mill.locator(".status-badge")).toHaveText("Awaiting activation");
  await mill.getByRole("button", { name: "Act for this enterprise" }).click();

  await expect(page).toHaveURL(/\/$/);
  const header = page.locator(".site-header");
  await expect(header.locator(".enterprise-name")).toHaveText("Twin Mill BV");
  await expect(page.getByText("This enterprise is not active yet")).toBeVisible();

  await header.getByRole("link", { name: "Switch enterprise" }).click();
  await expect(page).toHaveURL(/\/enterprise$/);
  await expect(page.locator(".choice.current")).toContainText("Twin Mill BV");
  await page.locator(".choice", { hasText: "Twin Bakery NV" }).getByRole("button", { name: "Act for this enterprise" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(header.locator(".enterprise-name")).toHaveText("Twin Bakery NV");
  await expect(header.locator(".status-badge")).toHaveText("Active");

  // The main access manager reads the trail: the choices above are in it.
  await openNavigation(page);
  await header.getByRole("link", { name: "Audit trail" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  const rows = page.locator(".data-table tbody tr");
  await expect(rows.first()).toContainText("Started acting for the enterprise");
  await expect(page.locator(".data-table")).toContainText("Enterprise activated");
  await expect(page.locator(".data-table")).toContainText("Anna Peeters");

  await page.getByLabel("Action").selectOption({ label: "Enterprise registered" });
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Operator");
  await expect(rows.first()).toContainText("Twin Bakery NV");

  await page.getByLabel("Action").selectOption({ label: "Any action" });
  await page.getByLabel("Who", { exact: true }).fill("nobody-by-that-name");
  await page.getByRole("button", { name: "Show events" }).click();
  await expect(page.getByRole("status")).toHaveText("No events match these filters.");

  // Done: end every session of this person, on every device.
  await openNavigation(page);
  await header.getByRole("link", { name: "Home" }).click();
  await page.getByRole("button", { name: "Sign out on every device" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out$/);
  await expect(page.getByRole("status")).toHaveText("You are signed out.");
  await visit(page, "/audit");
  await expect(page.getByRole("alert")).toHaveText("Please sign in first.");
});

test("the audit trail is refused without a session, in the visitor's language", async ({ page }) => {
  await page.context().addCookies([{ name: "lang", value: "fr", url: baseURL }]);
  await visit(page, "/audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal d'audit");
  await expect(page.getByRole("alert")).toHaveText("Veuillez d'abord vous connecter.");
});
