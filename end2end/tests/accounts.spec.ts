import { expect, test } from "@playwright/test";
import { hydrated, password, signUp, unique } from "./session";
import { totpCode } from "./totp";

test("the password checklist follows what is typed", async ({ page }) => {
  await page.goto("/signup");
  await hydrated(page);
  const rules = page.locator("#password-rules");
  await page.getByLabel("Password").fill("abc");
  await expect(rules.getByText("Add a digit.")).toContainText("(not yet)");
  await page.getByLabel("Password").fill("abc1");
  await expect(rules.getByText("Add a digit.")).toContainText("(met)");
});

test("a weak password is refused with the rule that failed", async ({ page }) => {
  const username = unique("weak");
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Your name").fill("Weak");
  await page.getByLabel("Password").fill("Password1!");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert")).toContainText("too easy to guess");
  await expect(page).toHaveURL(/\/signup$/);
});

test("sign up, sign out, sign in again and see the session", async ({ page }) => {
  const username = unique("grace");
  await signUp(page, username);
  await expect(page.getByTestId("sessions")).toContainText("This device");

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("Email or username").fill(username);
  await page.getByLabel("Password").fill("Wrong-Password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("do not match an account");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("link", { name: "Your account" })).toBeVisible();
});

test("ending another session signs that browser out", async ({ browser }) => {
  const first = await browser.newPage();
  const username = unique("twice");
  await signUp(first, username);

  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/signin");
  await hydrated(second);
  await second.getByLabel("Email or username").fill(username);
  await second.getByLabel("Password").fill(password);
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second).toHaveURL(/\/dashboard$/);

  await first.reload();
  await hydrated(first);
  const sessions = first.getByTestId("sessions").getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await first.getByRole("button", { name: "End session" }).click();
  await expect(sessions).toHaveCount(1);

  await second.goto("/account");
  await expect(second).toHaveURL(/\/signin$/);
  await other.close();
});

test("the account page sends visitors who are not signed in to sign in", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin$/);
});

test("two-factor sign-in: enrol with the app, then sign in with a code", async ({ page }) => {
  const username = unique("totp");
  await signUp(page, username);
  await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  await page.getByLabel("The 6-digit code it shows").fill(totpCode(secret, 30));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("Email or username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/signin\/two-factor$/);
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("not right");
  await page.getByLabel("Code").fill(totpCode(secret));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page.getByTestId("two-factor-on")).toBeVisible();
});
