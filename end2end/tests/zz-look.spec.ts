import { test, expect, openNavigation } from "./fixtures";
import { createDemo } from "./support/operator";
import { signIn } from "./support/session";

test("look at the audit trail", async ({ page }) => {
  const { accounts } = createDemo("Look Works NV");
  const [mam, , , , employee] = accounts;
  await signIn(page, mam.nrn, mam.totp_secret, mam.password);
  await page.goto("/administrators");
  await page.getByLabel("Person linked to the enterprise: national register number or name").fill(employee.nrn);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  await page.getByLabel(`${employee.name} (${employee.nrn})`).check();
  await page.getByLabel("Post and scope").selectOption({ label: "Group administrator: Employer" });
  await page.getByRole("button", { name: "Appoint", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "has been appointed" })).toBeVisible();
  await page.getByRole("button", { name: "Appoint", exact: true }).click();
  await page.waitForTimeout(1000);
  await page.goto("/audit");
  await expect(page.locator(".data-table")).toBeVisible();
  for (const summary of await page.locator("summary").all()) await summary.click();
  await page.screenshot({ path: "/tmp/audit.png", fullPage: true });
});
