import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { hydrated, signUp, unique } from "./session";

async function noSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** Presses Tab until the button reading `text` has focus; fails if it never does. */
async function tabToButton(page: Page, text: string, limit = 80) {
  for (let i = 0; i < limit; i++) {
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.tagName === "BUTTON" ? (el.textContent ?? "").trim() : "";
    });
    if (focused === text) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`the ${text} button is not reachable with the Tab key`);
}

/** Presses Tab until the element matching `selector` has focus; fails if it never does. */
async function tabTo(page: Page, selector: string, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${selector} is not reachable with the Tab key`);
}

test("a licence and an activity can be added with the keyboard alone", async ({ page }) => {
  await signUp(page, unique("keys"));
  await hydrated(page);
  // The header's links work from the keyboard too.
  await tabTo(page, "header a[href='/credentials']");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/credentials$/);
  await expect(page.locator("#jurisdiction")).toBeVisible();

  await tabTo(page, "#jurisdiction");
  await page.keyboard.type("Florida");
  await tabTo(page, "#profession");
  await page.keyboard.type("Physician");
  await tabTo(page, "#number");
  await page.keyboard.type("ME123456");
  await tabTo(page, "#expires");
  await page.keyboard.type("01312027");
  await tabToButton(page, "Add credential");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("credentials")).toContainText("Florida MD licence");

  await page.goto("/activities");
  await hydrated(page);
  await page.locator("body").focus();
  await tabTo(page, "#title");
  await page.keyboard.type("Keyboard-only course");
  await tabTo(page, "#provider");
  await page.keyboard.type("Florida Medical Association");
  await tabTo(page, "#completed");
  await page.keyboard.type("03142025");
  await tabTo(page, "#hours");
  await page.keyboard.type("1.5");
  await tabTo(page, "#credit_type");
  await page.keyboard.type("AMA PRA Category 1");
  await tabTo(page, "#topic-medical_errors");
  await page.keyboard.press("Space");
  await tabToButton(page, "Record activity");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("activities")).toContainText("Keyboard-only course");

  await page.goto("/dashboard");
  await expect(page.getByTestId("credential-card")).toContainText("Florida MD licence");
});

test("about you answers and an own rule change what the dashboard tracks", async ({ page }) => {
  await signUp(page, unique("about"));
  await page.goto("/credentials");
  await hydrated(page);
  await page.getByLabel("State").selectOption("MA");
  await page.getByLabel("Profession").selectOption("MD");
  await page.getByLabel("Expires").fill("2027-03-10");
  await page.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByTestId("credentials")).toContainText("Massachusetts MD licence");

  // A state the catalog lacks offers the clinician's own rule.
  await page.getByLabel("State").selectOption("CO");
  await page.getByLabel("Profession").selectOption("MD");
  await expect(page.getByTestId("own-rule-fields")).toBeVisible();
  await page.getByLabel("Expires").fill("2027-04-30");
  await page.getByLabel("Renews every (months)").fill("24");
  await page.getByLabel("Hours per cycle").fill("30");
  await page.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByTestId("own-rule")).toContainText("30 h every 24 months");

  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page.getByTestId("open-questions")).toContainText("2 questions about your practice are unanswered");
  await expect(page.getByTestId("credential-card").filter({ hasText: "Colorado MD licence" })).toContainText("30 h missing");

  await page.getByTestId("open-questions").getByRole("link", { name: "Answer them" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByTestId("question")).toHaveCount(2);
  await noSeriousAxeViolations(page);
  await page.getByLabel("Date of birth").fill("1971-03-10");
  await page.getByLabel("Prescribes controlled substances").selectOption("no");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");

  await page.getByRole("link", { name: "Dashboard" }).first().click();
  await expect(page.getByTestId("open-questions")).toContainText("1 question about your practice is unanswered");
  const ma = page.getByTestId("credential-card").filter({ hasText: "Massachusetts MD licence" });
  await expect(ma.locator("[data-key=opioid_pain_management]")).toContainText("not applicable", { ignoreCase: true });
});
