import type { Browser, Page } from "@playwright/test";
import { test, expect, visit, openNavigation, expectAccessible } from "./fixtures";
import { firstLink, waitForMail } from "./support/mail";
import { createDemo, freshNrn } from "./support/operator";
import { PASSWORD, signIn } from "./support/session";
import { totp } from "./support/totp";

const DIMONA = "Dimona (immediate declaration of employment)";

async function newPage(browser: Browser, project: Page) {
  const viewport = project.viewportSize() ?? { width: 1280, height: 800 };
  const context = await browser.newContext({ viewport });
  return context.newPage();
}

/** Adds a person nobody linked yet to the group Employer with Dimona, as the signed-in administrator. */
async function addNewUser(page: Page, nrn: string, given: string, family: string, email: string) {
  await visit(page, "/");
  await page.getByRole("region", { name: "Your groups" }).getByRole("link", { name: "Employer", exact: true }).click();
  await page.getByRole("link", { name: "Add user" }).click();
  await page.getByLabel("National register number").fill(nrn);
  await expect(page.getByText("This person is not linked to your enterprise yet.")).toBeVisible();
  await page.getByLabel("Given name").fill(given);
  await page.getByLabel("Family name").fill(family);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel(DIMONA, { exact: true }).check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The user was added." })).toBeVisible();
}

/** Opens the page of the user `name` from the Users page. */
async function openUser(page: Page, nrn: string, name: string) {
  await openNavigation(page);
  await page.locator(".site-header").getByRole("link", { name: "Users", exact: true }).click();
  await page.getByLabel("Name or national register number").fill(nrn);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: `View: ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

test("an added user is invited by e-mail, sets up their sign-in from the link, signs in and sees their services and e-Box", async ({
  page,
  browser,
}, testInfo) => {
  const { accounts } = createDemo(`Invitations ${testInfo.project.name} NV`);
  const mam = accounts[0];
  await signIn(page, mam.nrn, mam.totp_secret, mam.password);
  await expect(page).toHaveURL(/\/$/);
  const nrn = freshNrn();
  const email = `ines.${nrn}@invited.example`;
  await addNewUser(page, nrn, "Ines", "Invitee", email);

  // The administrator sees where Ines stands.
  await openUser(page, nrn, "Ines Invitee");
  await expect(page.locator(".user-sign-in [data-sign-in]")).toHaveAttribute("data-sign-in", /queued|invited/);
  await expectAccessible(page);
  // Sending it again at once is refused, and says why.
  await page.getByRole("button", { name: "Send the invitation again to Ines Invitee" }).click();
  await expect(page.locator(".user-sign-in")).toContainText("less than 10 minutes ago");

  // The e-mail arrives at the mail server, with a one-time link.
  const mail = await waitForMail(email, "invites you to Access Management");
  expect(mail.text).toContain("Dear Ines Invitee");
  expect(mail.text).toContain("within 7 days");
  const link = new URL(firstLink(mail.text, "/invitation/"));

  // Ines follows it in her own browser: she enrols the app and chooses a password.
  const ines = await newPage(browser, page);
  await visit(ines, link.pathname);
  await expect(ines.getByRole("heading", { level: 1 })).toHaveText("Set up your sign-in");
  await expect(ines.getByText(/You can also sign in with/)).toBeVisible();
  await expectAccessible(ines);
  const secret = ((await ines.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await ines.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await ines.getByLabel("Repeat the password").fill(PASSWORD);
  await ines.getByLabel("6-digit code shown by the app").fill(totp(secret));
  await ines.getByRole("button", { name: "Save and finish" }).click();
  await expect(ines.getByRole("heading", { name: "You can sign in now" })).toBeVisible();

  // The link worked once.
  await visit(ines, link.pathname);
  await expect(ines.getByText("This link has been used already. Sign in instead.")).toBeVisible();

  // She signs in and sees her service and her e-Box.
  await signIn(ines, nrn, secret);
  await expect(ines).toHaveURL(/\/$/);
  await expect(ines.getByRole("region", { name: "Your online services" })).toContainText("Dimona");
  await openNavigation(ines);
  await ines.locator(".site-header").getByRole("link", { name: /e-Box/ }).click();
  await expect(ines.getByRole("heading", { level: 1 })).toHaveText("e-Box");
  await expect(ines.locator("main")).toContainText("Dimona");
  await ines.context().close();

  // The administrator now sees that she can sign in, and no button to invite her.
  await page.reload();
  await expect(page.locator(".user-sign-in [data-sign-in]")).toHaveAttribute("data-sign-in", "can-sign-in");
  await expect(page.getByRole("button", { name: /Send the invitation again/ })).toHaveCount(0);
});

test("an unknown or forged invitation link opens nothing", async ({ page }) => {
  await visit(page, `/invitation/${"ab".repeat(32)}`);
  await expect(page.getByText("This link is not valid, or a newer one replaced it.")).toBeVisible();
  await expectAccessible(page);
});
