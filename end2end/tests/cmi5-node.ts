import { expect, type Page } from "@playwright/test";
import type Cmi5Type from "@xapi/cmi5";
import type { LaunchParameters } from "@xapi/cmi5";
import XMLHttpRequest from "xhr2";

// @xapi/cmi5 run in the test process, as course content runs in a browser tab: the same
// library the demo course bundles, talking to the LRS over HTTP with the launch's token.

type Cmi5Class = typeof Cmi5Type;
let loaded: Cmi5Class | undefined;

/** The library's UMD build, which the tests' CommonJS can require when it is first needed.
 * Its bundled axios picks its HTTP adapter as the file loads and knows only XMLHttpRequest,
 * so Node is given one (xhr2) first. */
export function cmi5Library(): Cmi5Class {
  const global = globalThis as { XMLHttpRequest?: unknown };
  global.XMLHttpRequest ??= XMLHttpRequest;
  loaded ??= require("@xapi/cmi5/dist/Cmi5.umd.js") as Cmi5Class;
  return loaded;
}

/** What `POST /courses/{id}/launch` answered: the AU address and its cmi5 parameters. */
export type Launch = { address: URL; params: LaunchParameters };

/** Launches a course the way the catalog's form does, without following the redirect. */
export async function launchCourse(page: Page, courseId: string): Promise<Launch> {
  const response = await page.request.post(`/courses/${courseId}/launch`, {
    maxRedirects: 0,
    // What a browser sends with a form posted from Licensure's own page.
    headers: { "Sec-Fetch-Site": "same-origin" },
  });
  expect(response.status(), await response.text()).toBe(303);
  const address = new URL(response.headers()["location"]);
  const query = address.searchParams;
  const params: LaunchParameters = {
    endpoint: query.get("endpoint") ?? "",
    fetch: query.get("fetch") ?? "",
    actor: JSON.parse(query.get("actor") ?? "null"),
    registration: query.get("registration") ?? "",
    activityId: query.get("activityId") ?? "",
  };
  return { address, params };
}

/** The HTTP status and body of a refused request the library made (axios error shape). */
export async function refusal(work: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await work;
  } catch (err) {
    const response = (err as { response?: { status: number; data: unknown } }).response;
    if (response) return { status: response.status, body: response.data };
    throw err;
  }
  throw new Error("the LRS accepted a request it should have refused");
}
