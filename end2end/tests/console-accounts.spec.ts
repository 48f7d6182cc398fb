import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { createAdmin, enrolSecondFactor } from "./console";
import { hydrated, signIn, signUp, unique } from "./session";

test("an administrator opens an account, reads its records with a reason and terminates it", async ({ page, browser }) => {
  const clinicianContext = await browser.newContext();
  const clinician = await clinicianContext.newPage();
  const clinicianName = unique("leaver");
  await signUp(clinician, clinicianName);

  const username = unique("admin");
  createAdmin(username);
  await signIn(page, username);
  await hydrated(page);
  await enrolSecondFactor(page);

  // Without JavaScript: the account page and its forms are plain HTML.
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const console = await plain.newPage();
  await console.goto(`/admin?q=${clinicianName}`);
  await console.getByRole("link", { name: "Dr Grace Test" }).click();
  await expect(console.getByTestId("fact-status")).toHaveText("active");
  await expect(console.getByTestId("fact-active-sessions")).toHaveText("1");
  await expect(console.getByTestId("records")).toHaveCount(0);

  await console.locator("#records-reason").fill("Checking before the contract ends");
  await console.getByRole("button", { name: "Open records" }).click();
  await expect(console.getByTestId("records")).toContainText("Credentials");
  await console.getByRole("link", { name: "Back to the account" }).click();

  const today = new Date().toISOString().slice(0, 10);
  await console.getByLabel("End date (today ends it now)").fill(today);
  await console.locator("#terminate-reason").fill("Contract ended today");
  await console.getByRole("button", { name: "Terminate" }).click();
  await expect(console.getByTestId("fact-status")).toHaveText("terminated");
  await expect(console.getByTestId("fact-active-sessions")).toHaveText("0");

  // The clinician's open browser is signed out on its next action.
  await clinician.getByRole("link", { name: "Credentials" }).first().click();
  await expect(clinician).toHaveURL(/\/signin/);

  // The audit log names both steps, each with its reason.
  await console.goto(`/admin/audit?target=${clinicianName}`);
  const events = console.getByTestId("audit-row");
  await expect(events.filter({ hasText: "account records viewed" })).toContainText("Checking before the contract ends");
  await expect(events.filter({ hasText: "account terminated" })).toContainText("Contract ended today");
  await plain.close();
  await clinicianContext.close();
});

test("an administrator reviews access, downloads the review, and meets a catalog check that names the field", async ({ page }) => {
  const username = unique("admin");
  createAdmin(username);
  await signIn(page, username);
  await hydrated(page);
  await enrolSecondFactor(page);

  await page.goto("/admin/access");
  await hydrated(page);
  const row = page.getByTestId("access-row").filter({ hasText: username });
  await expect(row).toContainText("by operator");
  await row.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(page.getByTestId("access-row").filter({ hasText: username })).toContainText(`by ${username}`);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download as CSV" }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, "utf8");
  expect(csv.split("\r\n")[0]).toBe("username,display name,role,status,granted at,granted by,last sign-in,last review,dormant 90 days");
  expect(csv).toContain(username);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Catalog" }).click();
  await expect(page.getByTestId("catalog")).toBeVisible();
  await page.getByTestId("catalog").getByRole("link").first().click();
  await expect(page.getByTestId("catalog-version").first()).toContainText("Sources");
  await hydrated(page);
  const json = page.getByLabel("Requirement set (JSON)");
  const current = JSON.parse(await json.inputValue());
  current.version += 1;
  current.effective_from = "2099-01-01";
  current.cycle.months = "two years";
  await json.fill(JSON.stringify(current, null, 2));
  await page.getByRole("button", { name: "Check and add" }).click();
  await expect(page.getByTestId("form-error")).toContainText("cycle.months");

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Status" }).click();
  await expect(page.getByTestId("checks")).toContainText("Database: OK");
  await expect(page.getByTestId("checks")).not.toContainText("PROBLEM");
});
