import type { Page } from "@playwright/test";
import { test, expect, visit, openNavigation } from "./fixtures";
import { createDemo, type DemoAccount } from "./support/operator";
import { signIn } from "./support/session";
import { baseURL } from "../e2e-env";

/** Signs `account` in and opens the Administrators page through the navigation. */
async function openAdministrators(page: Page, account: DemoAccount) {
  await signIn(page, account.nrn, account.totp_secret, account.password);
  await expect(page).toHaveURL(/\/$/);
  await openNavigation(page);
  await page.locator(".site-header").getByRole("link", { name: "Administrators" }).click();
  await expect(page).toHaveURL(/\/administrators$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administrators");
}

/** The table of one level (its scrollable region is named by the level's heading). */
function level(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

async function appoint(page: Page, search: string, person: DemoAccount, post: string) {
  await page.getByLabel("Person linked to the enterprise: national register number or name").fill(search);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await page.getByLabel(`${person.name} (${person.nrn})`).check();
  await page.getByLabel("Post and scope").selectOption({ label: post });
  await page.getByRole("button", { name: "Appoint", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "has been appointed" })).toBeVisible();
}

async function revoke(page: Page, person: DemoAccount) {
  await page.getByRole("button", { name: `Revoke ${person.name}` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(person.name);
  await expect(dialog.getByRole("button", { name: "Yes, revoke" })).toBeFocused();
  await dialog.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: "has been revoked" })).toBeVisible();
}

test("the main access manager appoints and revokes each kind of administrator", async ({ page }) => {
  const { accounts } = createDemo("Admin Works NV");
  const [mam, co, am, ga, employee] = accounts;
  await openAdministrators(page, mam);

  const scope = page.getByRole("region", { name: "My scope" });
  await expect(scope).toContainText("Main access manager");
  await expect(scope).toContainText("Every group of the enterprise.");
  await expect(level(page, "Main access manager")).toContainText(mam.name);
  await expect(level(page, "Co-main access manager")).toContainText(co.name);
  await expect(level(page, "Access manager")).toContainText(am.name);
  await expect(level(page, "Access manager")).toContainText("Social security");
  await expect(level(page, "Group administrator")).toContainText(ga.name);
  await expect(level(page, "Group administrator")).toContainText("Care institution");
  // The main access manager is never revoked here.
  await expect(page.getByRole("button", { name: `Revoke ${mam.name}` })).toHaveCount(0);

  // A group administrator, found by name.
  await appoint(page, employee.name.split(" ")[0], employee, "Group administrator: Employer");
  await expect(level(page, "Group administrator")).toContainText(employee.name);

  // Cancelling a revocation keeps the post.
  await page.getByRole("button", { name: `Revoke ${co.name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(level(page, "Co-main access manager")).toContainText(co.name);

  // Each level revoked, then filled again: a co-main access manager found by national register
  // number, an access manager of the other domain.
  await revoke(page, ga);
  await expect(level(page, "Group administrator")).not.toContainText(ga.name);
  await revoke(page, co);
  await expect(page.locator(".admin-level", { hasText: "Co-main access manager" })).toContainText("None appointed.");
  await appoint(page, co.nrn, co, "Co-main access manager");
  await expect(level(page, "Co-main access manager")).toContainText(co.name);
  await revoke(page, am);
  await appoint(page, ga.name.split(" ")[0], ga, "Access manager: Health care");
  await expect(level(page, "Access manager")).toContainText(ga.name);
  await expect(level(page, "Access manager")).toContainText("Health care");
  await revoke(page, employee);

  // All of it is in the audit trail.
  await openNavigation(page);
  await page.locator(".site-header").getByRole("link", { name: "Audit trail" }).click();
  await expect(page.locator(".data-table")).toContainText("Administrator appointed");
  await expect(page.locator(".data-table")).toContainText("Administrator revoked");
  // Each event says what changed by name, not as JSON with ids.
  const newest = page.locator(".data-table tbody tr").first();
  await expect(newest).toContainText("Administrator revoked");
  await expect(newest).toContainText(employee.name);
  await newest.getByText("Show").click();
  await expect(newest.locator(".event-details")).toContainText("Group administrator: Employer");
  await expect(newest.locator(".event-details")).not.toContainText("{");
  const appointed = page
    .locator(".data-table tbody tr", { hasText: "Administrator appointed" })
    .filter({ hasText: ga.name })
    .first();
  await appointed.getByText("Show").click();
  await expect(appointed.locator(".event-details")).toContainText("Access manager: Health care");
});

test("an access manager is offered only the groups of its own domain", async ({ page }) => {
  const { accounts } = createDemo("Scoped Works NV");
  const [mam, co, am, ga, employee] = accounts;
  await openAdministrators(page, am);

  const scope = page.getByRole("region", { name: "My scope" });
  await expect(scope).toContainText("Access manager: Social security");
  await expect(scope).toContainText(`appointed by ${mam.name}`);
  await expect(scope.getByRole("listitem").filter({ hasText: "Employer" })).toHaveCount(1);
  await expect(scope).not.toContainText("Care institution");
  await expect(page.getByLabel("Post and scope").locator("option")).toHaveText([
    "Choose a post",
    "Group administrator: Employer",
    "Group administrator: Social secretariat",
  ]);
  // Nobody above, and no group administrator of another domain, can be revoked by it.
  for (const person of [mam, co, ga]) {
    await expect(page.getByRole("button", { name: `Revoke ${person.name}` })).toHaveCount(0);
  }

  await appoint(page, employee.nrn.replace(/\D/g, "").slice(0, 6), employee, "Group administrator: Social secretariat");
  await expect(level(page, "Group administrator")).toContainText(employee.name);
  await revoke(page, employee);
  await expect(level(page, "Group administrator")).not.toContainText(employee.name);
});

test("a group administrator sees its scope in every language and appoints nobody", async ({ page }) => {
  const { accounts } = createDemo("Group Works NV");
  const ga = accounts[3];
  await openAdministrators(page, ga);
  const scope = page.getByRole("region", { name: "My scope" });
  await expect(scope).toContainText("Group administrator: Care institution");
  await expect(scope).toContainText("Nobody.");
  await expect(page.getByRole("heading", { name: "Appoint an administrator" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

  for (const [lang, title, myScope, group] of [
    ["fr", "Gestionnaires", "Mon périmètre", "Établissement de soins"],
    ["de", "Verwalter", "Mein Bereich", "Pflegeeinrichtung"],
    ["nl", "Beheerders", "Mijn bereik", "Zorginstelling"],
  ]) {
    await page.context().addCookies([{ name: "lang", value: lang, url: baseURL }]);
    await visit(page, "/administrators");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("region", { name: myScope })).toContainText(group);
  }
});

test("someone without a post finds no Administrators page", async ({ page }) => {
  const { accounts } = createDemo("Plain Works NV");
  const employee = accounts[4];
  await signIn(page, employee.nrn, employee.totp_secret, employee.password);
  await expect(page).toHaveURL(/\/$/);
  await openNavigation(page);
  await expect(page.locator(".site-header").getByRole("link", { name: "Administrators" })).toHaveCount(0);
  await visit(page, "/administrators");
  await expect(page.getByRole("alert")).toHaveText("Only administrators of the enterprise may do this.");
});
