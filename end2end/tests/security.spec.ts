import type { Page } from "@playwright/test";
import { test, expect, visit } from "./fixtures";
import { createDemo, freshNrn } from "./support/operator";
import { signIn } from "./support/session";

/** Fills the Add user form of the open group for a person not linked yet, and saves. */
async function submitNewPerson(page: Page, given: string, family: string) {
  await page.getByRole("link", { name: "Add user" }).click();
  await page.getByLabel("National register number").fill(freshNrn());
  await expect(page.getByText("This person is not linked to your enterprise yet.")).toBeVisible();
  await page.getByLabel("Given name").fill(given);
  await page.getByLabel("Family name").fill(family);
  await page.getByLabel("E-mail address").fill("someone@example.be");
  await page.getByRole("button", { name: "Save", exact: true }).click();
}

test("names with invisible characters are refused and markup in a name stays text, in the title too", async ({ page }) => {
  const { accounts } = createDemo("Security Names NV");
  const [mam] = accounts;
  await signIn(page, mam.nrn, mam.totp_secret, mam.password);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("region", { name: "Your groups" }).getByRole("link", { name: "Employer", exact: true }).click();

  // A right-to-left override would make the name read backwards in every list.
  await submitNewPerson(page, "Anna\u202Esreteep", "Peeters");
  await expect(page.getByRole("alert").filter({ hasText: "without control or invisible formatting characters" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Add a user to");

  // Markup is a name like any other: shown as typed, never run.
  const hostile = "</title><b>Bold</b>";
  await page.getByLabel("Given name").fill(hostile);
  await page.getByLabel("Family name").fill("Tester");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The user was added." })).toBeVisible();
  // The group's table is written by the server as one piece of markup: the name in it is text.
  await expect(page.locator(".users-table tbody")).toContainText(`${hostile} Tester`);
  await expect(page.locator(".users-table b")).toHaveCount(0);
  const title = `${hostile} Tester · Access Management`;

  // Opened in the browser (the title set by the app) and loaded afresh (the title written by
  // the server): the same text, and no element made of it.
  await page.locator(".users-table tbody tr", { hasText: "Tester" }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${hostile} Tester`);
  await expect(page).toHaveTitle(title);
  await expect(page.locator("main b")).toHaveCount(0);
  const response = await visit(page, page.url().replace(/^https?:\/\/[^/]+/, ""));
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(title);
  await expect(page.locator("b")).toHaveCount(0);
  await expect(page.locator("head title")).toHaveCount(1);

  // A page about something that does not exist says so, with the status to match.
  const missing = await visit(page, "/users/999999999");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("alert")).toContainText("What you are looking for does not exist.");
  await expect(page).toHaveTitle("Something went wrong · Access Management");
});
