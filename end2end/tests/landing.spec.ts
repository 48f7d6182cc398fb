import { expect, test, type Page } from "@playwright/test";

// The app root says data-hydrated="true" once the WebAssembly app has attached to the
// server-rendered page (an effect, which only runs in the browser, sets it).
async function hydrated(page: Page) {
  await expect(page.locator("[data-hydrated=true]")).toHaveCount(1);
}

// A marker on the window survives client-side navigation and vanishes on a page load.
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as any).__sameDocument = true));
}

async function stillSameDocument(page: Page) {
  return page.evaluate(() => (window as any).__sameDocument === true);
}

test("the landing page says what Licensure does and links to accounts", async ({ page }) => {
  await page.goto("/");
  await expect(
    page.getByRole("heading", { level: 1, name: /licences, certifications and CE/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Create your free account" })).toHaveAttribute(
    "href",
    "/signup",
  );
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toHaveAttribute(
    "href",
    "/signin",
  );
  await expect(page).toHaveTitle("Licensure");
});

test("the phone menu opens in place once the app has hydrated", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const nav = page.locator("#main-menu");
  await expect(nav).toBeHidden();
  await hydrated(page);
  await markDocument(page);
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(nav).toBeVisible();
  await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute(
    "aria-expanded",
    "true",
  );
  expect(await stillSameDocument(page)).toBe(true);
});

test("the status page asks the database again without reloading", async ({ page }) => {
  await page.goto("/status");
  await expect(page.getByTestId("status-ok")).toBeVisible();
  await expect(page.getByTestId("status-database")).toHaveText("SQLite");
  await hydrated(page);
  await markDocument(page);

  const call = page.waitForResponse((response) => response.url().endsWith("/api/system_status"));
  await page.getByRole("button", { name: "Check again" }).click();
  const response = await call;
  expect(response.status()).toBe(200);
  const status = await response.json();
  expect(status.database).toBe("SQLite");
  expect(status.pending_migrations).toBe(0);
  await expect(page.getByTestId("status-checked-at")).toHaveText(status.checked_at);
  expect(await stillSameDocument(page)).toBe(true);
});

test("links navigate inside the app after hydration", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await markDocument(page);
  await page.getByRole("link", { name: "Service status" }).click();
  await expect(page.getByRole("heading", { name: "Service status" })).toBeVisible();
  await expect(page).toHaveTitle("Service status · Licensure");
  expect(await stillSameDocument(page)).toBe(true);
});

test("unknown addresses show a page that leads home", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the app can be installed: manifest, icons and service worker", async ({
  page,
  request,
}) => {
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.icons.map((icon: { sizes: string }) => icon.sizes)).toContain("512x512");
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).ok()).toBe(true);
  }
  await page.goto("/");
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(new URL(scope).pathname).toBe("/");
});

test("the page fits a 360 px phone without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
