import { expect, test } from "@playwright/test";
import { createAdmin, enrolSecondFactor } from "./console";
import { hydrated, password, signIn, unique } from "./session";
import { totpCode } from "./totp";

test("an administrator must enrol two-factor sign-in before anything else", async ({ page }) => {
  const username = unique("admin");
  createAdmin(username);
  await signIn(page, username);
  await expect(page).toHaveURL(/\/account$/);
  await hydrated(page);
  await expect(page.getByRole("status").first()).toContainText("Administrators must set up two-factor sign-in");
  await expect(page.getByTestId("sessions")).toHaveCount(0);

  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  await page.getByLabel("The 6-digit code it shows").fill(totpCode(secret, 30));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.getByRole("link", { name: "I have saved them: continue" }).click();
  await expect(page.getByTestId("sessions")).toContainText("This device");
  await expect(page.getByTestId("email-address")).toContainText("Confirmed");
});

test("an administrator suspends a clinician from the console, which works without WASM", async ({ page, browser }) => {
  // A clinician is working in their own browser.
  const clinicianContext = await browser.newContext();
  const clinician = await clinicianContext.newPage();
  const clinicianName = unique("locum");
  await clinician.goto("/signup");
  await hydrated(clinician);
  await clinician.getByLabel("Email").fill(`${clinicianName}@example.org`);
  await clinician.getByLabel("Username").fill(clinicianName);
  await clinician.getByLabel("Your name").fill("Dr Locum Test");
  await clinician.getByLabel("Password").fill(password);
  await clinician.getByRole("button", { name: "Create account" }).click();
  await expect(clinician).toHaveURL(/\/dashboard$/);

  // The administrator enrols the second factor, then finds the console in the header.
  const username = unique("admin");
  createAdmin(username);
  await signIn(page, username);
  await hydrated(page);
  await enrolSecondFactor(page);
  await page.getByRole("link", { name: "Console" }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // The same session in a browser with JavaScript off: plain GET search, plain POST action.
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const console = await plain.newPage();
  await console.goto("/admin");
  await console.getByLabel("Name, email or username").fill(clinicianName);
  await console.getByRole("button", { name: "Search" }).click();
  const row = console.getByTestId("account-row").filter({ hasText: clinicianName });
  await expect(row).toContainText("active");
  await row.getByLabel("Reason").fill("Contract ended on Friday");
  await row.getByRole("button", { name: "Suspend" }).click();
  await expect(console.getByTestId("account-row").filter({ hasText: clinicianName })).toContainText("suspended");

  // The audit log shows the administrator's sign-in and the suspension with its reason.
  await console.getByRole("link", { name: "Audit log" }).click();
  await console.getByLabel("Actor (username)").fill(username);
  await console.getByRole("button", { name: "Filter" }).click();
  const events = console.getByTestId("audit-row");
  await expect(events.filter({ hasText: "account suspended" })).toContainText("Contract ended on Friday");
  await expect(events.filter({ hasText: "second factor passed" }).or(events.filter({ hasText: "two factor enabled" })).first()).toBeVisible();
  await console.getByRole("button", { name: "Verify the chain" }).click();
  await expect(console.getByText("The chain is intact")).toBeVisible();

  // The clinician's open browser is signed out on its next action.
  await clinician.getByRole("link", { name: "Credentials" }).first().click();
  await expect(clinician).toHaveURL(/\/signin/);
  await plain.close();
  await clinicianContext.close();
});
