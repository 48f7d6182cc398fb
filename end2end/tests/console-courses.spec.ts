import { test, expect } from "@playwright/test";
import { createAdmin, enrolSecondFactor } from "./console";
import { hydrated, signIn, unique } from "./session";

// An administrator sets up a course provider in the console: adds the provider, makes an
// LRS credential whose secret is shown once, and meets a refused course with its reason.
test("an administrator adds a provider, a credential and meets a refused course", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  const name = unique("courseops");
  createAdmin(name);
  await signIn(page, name);
  await enrolSecondFactor(page);
  await page.goto("/admin/courses");
  await hydrated(page);
  await expect(page.getByTestId("course-table")).toContainText("Safe opioid prescribing: a demo course");

  const provider = unique("Acme CME ");
  await page.getByLabel("New provider").fill(provider);
  await page.getByRole("button", { name: "Add provider" }).click();
  const card = page.locator("li", { has: page.getByRole("heading", { name: provider }) });
  await expect(card).toBeVisible();
  await card.getByPlaceholder("e.g. production content").fill("production content");
  await card.getByRole("button", { name: "Make credential" }).click();
  const made = page.getByTestId("new-credential");
  await expect(made).toContainText("Copy the secret now");
  const key = (await page.getByTestId("credential-key").textContent())?.trim() ?? "";
  const secret = (await page.getByTestId("credential-secret").textContent())?.trim() ?? "";
  expect(key).toMatch(/^lrs-/);
  expect(secret).toHaveLength(43);
  await expect(card).toContainText(key);

  // The credential works against the LRS at once.
  const about = await page.request.get("/xapi/statements", {
    headers: {
      Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
      "X-Experience-API-Version": "1.0.3",
    },
  });
  expect(about.status()).toBe(200);

  // A cmi5 course without its package is refused with the reason, and nothing is added.
  await page.getByLabel("Title").fill("Sepsis update");
  await page.getByLabel("Credit hours").fill("1.5");
  await page.getByRole("button", { name: "Save course" }).click();
  await expect(page.getByTestId("form-error")).toContainText("a cmi5 course needs its cmi5.xml");
  await expect(page.getByTestId("course-table").locator("tbody tr")).toHaveCount(1);
  expect(errors).toEqual([]);
});
