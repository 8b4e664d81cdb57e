import type { Browser, Page } from "@playwright/test";
import { test, expect, visit, openNavigation, expectAccessible } from "./fixtures";
import { createDemo, freshNrn, seedEnterprise, type DemoAccount } from "./support/operator";
import { signIn } from "./support/session";

const DIMONA = "Dimona (immediate declaration of employment)";
const DMFA = "DmfA (quarterly multifunctional declaration)";
const EHEALTHBOX = "eHealthBox";

/** `12345678901` as people write it: `12.34.56-789.01`. */
function formatted(nrn: string): string {
  const d = nrn.replace(/\D/g, "");
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}

async function signedIn(page: Page, account: DemoAccount) {
  await signIn(page, account.nrn, account.totp_secret, account.password);
  await expect(page).toHaveURL(/\/$/);
}

/** Opens a group from the home page's "Your groups". */
async function openGroup(page: Page, group: string) {
  await visit(page, "/");
  await page.getByRole("region", { name: "Your groups" }).getByRole("link", { name: group, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(group);
}

/** Adds the person with `nrn` to the open group with `services`; `link` when not linked yet. */
async function addUser(
  page: Page,
  nrn: string,
  services: string[],
  link?: { given: string; family: string; email: string },
) {
  await page.getByRole("link", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Add a user to");
  await page.getByLabel("National register number").fill(nrn);
  if (link) {
    await expect(page.getByText("This person is not linked to your enterprise yet.")).toBeVisible();
    await page.getByLabel("Given name").fill(link.given);
    await page.getByLabel("Family name").fill(link.family);
    await page.getByLabel("E-mail address").fill(link.email);
  } else {
    await expect(page.getByText("Linked to the enterprise:")).toBeVisible();
  }
  for (const service of services) await page.getByLabel(service, { exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The user was added." })).toBeVisible();
}

/** The row of `name` in the users table. */
function row(page: Page, name: string) {
  return page.locator(".users-table tbody tr", { hasText: name });
}

async function confirm(page: Page, text: string, button = "Confirm") {
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(text);
  await expect(dialog.getByRole("button", { name: button })).toBeFocused();
  await dialog.getByRole("button", { name: button }).click();
}

async function newPage(browser: Browser, project: Page) {
  const viewport = project.viewportSize() ?? { width: 1280, height: 800 };
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

test("an administrator adds users to a group, linking an unknown person on the same form", async ({ page }) => {
  const { accounts } = createDemo("Users Add NV");
  const [mam, , , , employee] = accounts;
  await signedIn(page, mam);
  const groups = page.getByRole("region", { name: "Your groups" });
  await expect(groups).toContainText("Employer");
  await expect(groups).toContainText("Care institution");
  await openGroup(page, "Employer");

  // The number is checked as it is typed.
  await page.getByRole("link", { name: "Add user" }).click();
  const field = page.getByLabel("National register number");
  await field.fill("85.07.30-033.29");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("its check digits do not match")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  await page.getByRole("link", { name: "Cancel" }).click();

  await addUser(page, employee.nrn, [DIMONA]);
  await expect(row(page, employee.name)).toContainText("Dimona");

  // The same person again is reported, not added twice.
  await page.getByRole("link", { name: "Add user" }).click();
  await page.getByLabel("National register number").fill(employee.nrn);
  await expect(page.getByText(`${employee.name} is a user of this group already.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toBeDisabled();
  await page.getByRole("link", { name: "Cancel" }).click();

  // Somebody not linked yet is linked on the same form.
  const stranger = freshNrn();
  await addUser(page, formatted(stranger), [DMFA], { given: "Zoë", family: "Çelik", email: "zoe@example.be" });
  await expect(row(page, "Zoë Çelik")).toContainText("DmfA");

  await visit(page, "/");
  const employer = page.getByRole("region", { name: "Your groups" }).locator("tr", { hasText: "Employer" });
  await expect(employer.locator("td").nth(1)).toHaveText("2");
});

test("users are found by number or name, opened, edited, blocked, unblocked and removed", async ({ page }) => {
  const { accounts } = createDemo("Users List NV");
  const [mam, co, , , employee] = accounts;
  await signedIn(page, mam);
  await openGroup(page, "Employer");
  await addUser(page, employee.nrn, [DIMONA]);
  await addUser(page, co.nrn, []);
  await openGroup(page, "Care institution");
  await addUser(page, employee.nrn, []);

  // The Users page: by number without separators, by name in another case without accents.
  await openNavigation(page);
  await page.locator(".site-header").getByRole("link", { name: "Users", exact: true }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.getByLabel("Name or national register number").fill(employee.nrn.replace(/\D/g, "").slice(0, 8));
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(row(page, employee.name)).toBeVisible();
  await expect(row(page, co.name)).toHaveCount(0);
  await page.getByLabel("Name or national register number").fill(co.name.split(" ")[0].toUpperCase());
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(row(page, co.name)).toBeVisible();
  await expect(row(page, employee.name)).toHaveCount(0);
  await page.getByLabel("Name or national register number").fill("");
  await page.getByLabel("Group").selectOption({ label: "Care institution" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(row(page, employee.name)).toBeVisible();
  await expect(row(page, co.name)).toHaveCount(0);
  // By service (the employee has Dimona in Employer, the co-main access manager nothing) and
  // by state (nobody is blocked yet).
  await page.getByLabel("Group").selectOption({ label: "All" });
  await page.getByLabel("Online service").selectOption({ label: DIMONA });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/service=/);
  await expect(row(page, employee.name)).toBeVisible();
  await expect(row(page, co.name)).toHaveCount(0);
  await page.getByLabel("Online service").selectOption({ label: "All" });
  await page.getByLabel("Status").selectOption({ label: "Blocked" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No users found.")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Active" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(row(page, co.name)).toBeVisible();

  // The eye opens the user.
  await row(page, employee.name).getByRole("link", { name: `View: ${employee.name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(employee.name);
  const permissions = page.getByRole("region", { name: "Permissions of the user" });
  await expect(permissions).toContainText("Employer");
  await expect(permissions).toContainText("Care institution");
  await expect(page.getByRole("region", { name: "Online services without a grant" })).toContainText("ContactData");
  await expect(page.getByRole("region", { name: "History" })).toContainText("User created");

  // Edit the services of one group.
  await page.getByRole("button", { name: `Edit: ${employee.name} — Employer` }).click();
  await page.getByLabel(DMFA, { exact: true }).check();
  await page.getByRole("button", { name: "Save services" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The online services were saved." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save services" })).toHaveCount(0);
  await expect(permissions.locator("li", { hasText: "Employer" })).toContainText("DmfA");

  // Block in one group, then unblock.
  await page.getByRole("button", { name: `Block: ${employee.name} — Employer` }).click();
  await confirm(page, "in the group Employer");
  await expect(page.getByRole("status").filter({ hasText: "The user was blocked" })).toBeVisible();
  await expect(permissions.locator("li", { hasText: "Employer" }).locator(".badge")).toHaveText("Blocked");
  await expect(page.locator(".user-summary .badge")).toHaveText("Partly blocked");
  await page.getByRole("button", { name: `Unblock: ${employee.name} — Employer` }).click();
  await expect(page.getByRole("status").filter({ hasText: "The user was unblocked." })).toBeVisible();

  // Block in all groups, then unblock in all.
  await permissions.getByRole("button", { name: "Block", exact: true }).click();
  await confirm(page, "in all groups of the enterprise");
  await expect(page.locator(".user-summary .badge")).toHaveText("Blocked");
  await permissions.getByRole("button", { name: "Unblock", exact: true }).click();
  await confirm(page, `Unblock ${employee.name} in all groups of the enterprise?`);
  await expect(page.locator(".user-summary .badge")).toHaveText("Active");

  // Remove from one group (the bin, confirmed), then from the last one.
  await page.getByRole("button", { name: `Remove: ${employee.name} — Care institution` }).click();
  await confirm(page, "from the group Care institution");
  await expect(page.getByRole("status").filter({ hasText: "removed from the group" })).toBeVisible();
  await expect(permissions).not.toContainText("Care institution");
  await expect(page.getByRole("region", { name: "History" })).toContainText("User removed from a group");
});

test("a group's pencil and bin, e-Box messages, and a blocked user's sessions end at once", async ({ page, browser }) => {
  const { accounts } = createDemo("Users Block NV");
  const [mam, , , , employee] = accounts;

  // The employee signs in elsewhere: no services yet.
  const other = await newPage(browser, page);
  await signIn(other, employee.nrn, employee.totp_secret, employee.password);
  await expect(other.getByRole("region", { name: "Your online services" })).toContainText("You have no online services here.");

  await signedIn(page, mam);
  await openGroup(page, "Employer");
  await addUser(page, employee.nrn, [DIMONA]);

  // Her next request shows the service, and her e-Box the message (unread count in the header).
  await visit(other, "/");
  await expect(other.getByRole("region", { name: "Your online services" })).toContainText("Dimona");
  await openNavigation(other);
  const ebox = other.locator(".site-header").getByRole("link", { name: /e-Box/ });
  await expect(ebox).toContainText("1");
  await ebox.click();
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("e-Box");
  await expect(other.getByRole("status").filter({ hasText: "Unread: 1" })).toBeVisible();
  const message = other.locator(".message").first();
  await expect(message).toContainText("You now have access in the group Employer");
  await message.getByRole("button").click();
  await expect(message).toContainText(`By ${mam.name}.`);
  await expect(message).toContainText("Dimona");
  await openNavigation(other);
  await expect(ebox).not.toContainText("1");

  // The pencil opens the user with that group's editor; blocking there ends her sessions.
  await row(page, employee.name).getByRole("link", { name: `Edit: ${employee.name}` }).click();
  await expect(page.getByLabel(DIMONA, { exact: true })).toBeChecked();
  await page.getByRole("button", { name: `Block: ${employee.name} — Employer` }).click();
  await confirm(page, "in the group Employer");
  await expect(page.getByRole("status").filter({ hasText: "their sessions have ended" })).toBeVisible();
  await visit(other, "/");
  await expect(other.getByRole("heading", { level: 1 })).not.toContainText(employee.name);
  await expect(other.getByRole("link", { name: "Sign in" }).first()).toBeAttached();
  await other.context().close();

  // Back on the group page, the bin removes her from the group, and the group counts one
  // blocked user less at once.
  await openGroup(page, "Employer");
  const blocked = page.locator("dt:text-is('Blocked users') + dd");
  const blockedBefore = Number(await blocked.textContent());
  expect(blockedBefore).toBeGreaterThan(0);
  await row(page, employee.name).getByRole("button", { name: `Remove: ${employee.name}` }).click();
  await confirm(page, "from the group Employer");
  await expect(page.getByRole("status").filter({ hasText: "The user was removed from the group." })).toBeVisible();
  await expect(row(page, employee.name)).toHaveCount(0);
  await expect(blocked).toHaveText(String(blockedBefore - 1));
});

test("an access manager manages only the groups of its domain, in Dutch", async ({ page }) => {
  const { accounts } = createDemo("Gebruikers Domein NV");
  const [mam, , am, , employee] = accounts;
  await signedIn(page, mam);
  await openGroup(page, "Employer");
  await addUser(page, employee.nrn, []);
  await openGroup(page, "Care institution");
  await addUser(page, employee.nrn, []);
  await page.context().clearCookies();

  await signedIn(page, am);
  await openNavigation(page);
  await page.getByRole("button", { name: "Nederlands" }).click();
  await expect(page.getByRole("region", { name: "Uw groepen" })).toContainText("Werkgever");
  await expect(page.getByRole("region", { name: "Uw groepen" })).not.toContainText("Zorginstelling");
  await visit(page, "/users");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gebruikers");
  await row(page, employee.name).getByRole("link", { name: `Bekijken: ${employee.name}` }).click();
  const permissions = page.getByRole("region", { name: "Rechten van de gebruiker" });
  await expect(permissions).toContainText("buiten uw bereik");
  await expect(permissions).toContainText("Blokkeren voor alle groepen is voorbehouden");
  await expect(permissions.getByRole("button", { name: "Blokkeren", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: `Blokkeren: ${employee.name} — Werkgever` }).click();
  await confirm(page, "voor de groep Werkgever", "Bevestigen");
  await expect(permissions.locator("li", { hasText: "Werkgever" }).locator(".badge")).toHaveText("Geblokkeerd");
});

test("a group administrator manages only its group, and a form read before another change is refused", async ({ page, browser }) => {
  const { accounts } = createDemo("Users Stale NV");
  const [mam, , , ga, employee] = accounts;
  await signedIn(page, mam);
  await openGroup(page, "Employer");
  await addUser(page, employee.nrn, []);
  await openGroup(page, "Care institution");
  await addUser(page, employee.nrn, [EHEALTHBOX]);

  // The group administrator of Care institution, elsewhere, sees that group only.
  const other = await newPage(browser, page);
  await signedIn(other, ga);
  const groups = other.getByRole("region", { name: "Your groups" });
  await expect(groups).toContainText("Care institution");
  await expect(groups).not.toContainText("Employer");
  await visit(other, "/users");
  await row(other, employee.name).getByRole("link", { name: `View: ${employee.name}` }).click();
  const permissions = other.getByRole("region", { name: "Permissions of the user" });
  await expect(permissions.locator("li", { hasText: "Employer" })).toContainText("not in your scope");
  await expect(permissions.getByRole("button", { name: "Block", exact: true })).toHaveCount(0);
  await other.getByRole("button", { name: `Edit: ${employee.name} — Care institution` }).click();
  await expect(other.getByLabel(EHEALTHBOX, { exact: true })).toBeChecked();

  // Meanwhile the main access manager blocks the user in Care institution.
  await row(page, employee.name).getByRole("link", { name: `View: ${employee.name}` }).click();
  await page.getByRole("button", { name: `Block: ${employee.name} — Care institution` }).click();
  await confirm(page, "in the group Care institution");
  await expect(page.getByRole("status").filter({ hasText: "The user was blocked" })).toBeVisible();

  // The group administrator's open form is stale: refused, nothing changed.
  await other.getByLabel(EHEALTHBOX, { exact: true }).uncheck();
  await other.getByRole("button", { name: "Save services" }).click();
  await expect(other.getByRole("alert")).toContainText("changed by someone else in the meantime");
  await other.reload();
  const care = permissions.locator("li", { hasText: "Care institution" });
  await expect(care).toContainText(EHEALTHBOX);
  await expect(care.locator(".badge")).toHaveText("Blocked");
  // After reloading, the same change goes through.
  await other.getByRole("button", { name: `Edit: ${employee.name} — Care institution` }).click();
  await other.getByLabel(EHEALTHBOX, { exact: true }).uncheck();
  await other.getByRole("button", { name: "Save services" }).click();
  await expect(other.getByRole("status").filter({ hasText: "The online services were saved." })).toBeVisible();
  await expect(care).not.toContainText(EHEALTHBOX);
  await other.context().close();
});

test("at a thousand groups the home page pages its groups and the users list picks a group by typing", async ({ page }) => {
  const { accounts } = seedEnterprise("Thousand Groups NV", 600, 1000);
  const [mam] = accounts;
  await signedIn(page, mam);

  // Home: a page of the groups, searched by name, and the next page.
  const groups = page.getByRole("region", { name: "Your groups" });
  await expect(groups.locator("tbody tr")).toHaveCount(25);
  await page.getByLabel("Find a group by name").fill("group 0777");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/group_search=group\+0777/);
  await expect(groups.locator("tbody tr")).toHaveCount(1);
  await expect(groups).toContainText("Group 0777");
  await page.getByLabel("Find a group by name").fill("");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("navigation", { name: "Your groups" }).getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/groups_after=/);
  await expect(groups.locator("tbody tr")).toHaveCount(25);
  await expect(groups).not.toContainText("Group 0001");

  // The users list: the group filter is a combobox that asks the server as one types.
  await visit(page, "/users");
  const html = await (await page.request.get("/users")).text();
  expect(html.length, "the users page carries no catalogue").toBeLessThan(64 * 1024);
  // A group someone is in (the seed draws memberships from the enterprise number: a fixed
  // group may be empty): the first user's first group.
  const rows = page.locator(".users-table tbody tr");
  const groupCell = await rows.first().locator("td").nth(2).textContent();
  const chosen = (groupCell ?? "").match(/Group \d{4}/)?.[0] ?? "";
  expect(chosen, "the first user is in a group").not.toBe("");
  const picker = page.getByRole("combobox", { name: "Group" });
  await picker.fill(chosen.slice("Group ".length));
  const choices = page.getByRole("listbox");
  await expect(choices.getByRole("option")).toHaveCount(1);
  await expect(choices.getByRole("option")).toHaveText(chosen);
  await picker.press("ArrowDown");
  await expect(picker).toHaveAttribute("aria-activedescendant", /.+/);
  await picker.press("Enter");
  await expect(choices).toBeHidden();
  await expect(picker).toHaveValue(chosen);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/group=\d+/);
  // The filtered list replaces the whole one: every row is in the group.
  await expect(rows.filter({ hasNotText: chosen })).toHaveCount(0);
  await expect(rows.first()).toContainText(chosen);
  // The pick stays in the address: reloaded, the field shows it again.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Group" })).toHaveValue(chosen);

  // Cleared (Escape on the closed list), the list pages through everyone.
  await page.getByRole("combobox", { name: "Group" }).press("Escape");
  await expect(page.getByRole("combobox", { name: "Group" })).toHaveValue("");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).not.toHaveURL(/group=\d/);
  await expect(rows).toHaveCount(50);
  const first = await rows.first().textContent();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(rows).toHaveCount(50);
  await expect(rows.first()).not.toHaveText(first ?? "");
});
