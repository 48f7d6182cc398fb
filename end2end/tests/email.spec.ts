import { expect, test } from "@playwright/test";
import { linkMailedTo } from "./mailbox";
import { hydrated, signIn, signUp, unique } from "./session";

test("a newcomer confirms their address with the link from the mail folder", async ({ page }) => {
  const username = unique("mailer");
  await signUp(page, username);
  await expect(page.getByTestId("email-address")).toContainText("Not confirmed yet");

  const link = await linkMailedTo(`${username}@example.org`, "/verify-email");
  await page.goto(link);
  await hydrated(page);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText("your email address is confirmed");

  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page.getByTestId("email-address")).toContainText("Confirmed");

  // The same link a second time explains itself instead of confirming again.
  await page.goto(link);
  await hydrated(page);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("alert")).toContainText("does not work any more");
});

test("forgot password: a mailed link sets a new one", async ({ page }) => {
  const username = unique("forgot");
  await signUp(page, username);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/signin");
  await hydrated(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email address").fill(`${username}@example.org`);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");

  const link = await linkMailedTo(`${username}@example.org`, "/reset-password");
  await page.goto(link);
  await hydrated(page);
  const newPassword = "Copper-Meadow-Orchid-77";
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/signin\?reset=done$/);
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  await signIn(page, username, newPassword);
  await expect(page).toHaveURL(/\/dashboard$/);

  // The used link now says so before anything is typed.
  await page.goto(link);
  await expect(page.getByRole("alert")).toContainText("does not work any more");
});

test("changing the address switches only after the new link is opened", async ({ page }) => {
  const username = unique("moving");
  await signUp(page, username);
  const newAddress = `${username}@new.example.org`;
  await page.getByLabel("New email address").fill(newAddress);
  await page.getByLabel("Password, to confirm").first().fill("Violet-Harbour-Lantern-42");
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "We sent a link" })).toBeVisible();
  await expect(page.getByTestId("email-address")).toContainText(`${username}@example.org`);

  const link = await linkMailedTo(newAddress, "/verify-email");
  await page.goto(link);
  await hydrated(page);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page.getByRole("status")).toContainText(`Your account now uses ${newAddress}`);
  await page.goto("/account");
  await expect(page.getByTestId("email-address")).toContainText(newAddress);
});
