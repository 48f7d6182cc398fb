import { expect, type Page } from "@playwright/test";

// Shared steps of the browser journeys: a strong password, unique names, and sign-up.
export const password = "Violet-Harbour-Lantern-42";

export async function hydrated(page: Page) {
  await expect(page.locator("[data-hydrated=true]")).toHaveCount(1);
}

export function unique(prefix: string) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export async function signUp(page: Page, username: string) {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Email").fill(`${username}@example.org`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Your name").fill("Dr Grace Test");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  // A newcomer lands on the dashboard, which walks them to their first licence.
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("empty-dashboard")).toBeVisible();
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Hello, Dr Grace Test" })).toBeVisible();
}

export async function signIn(page: Page, login: string, secret = password) {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("Email or username").fill(login);
  await page.getByLabel("Password").fill(secret);
  await page.getByRole("button", { name: "Sign in" }).click();
}
