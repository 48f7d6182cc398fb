// Builds each course under courses/ into public/course-content/<name>/, the package Licensure
// serves. Run with `npm run build:courses`; needs only node_modules, no network.
import { build } from "esbuild";
import { copyFile, mkdir, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const COURSES = ["demo"];
// Served as they are; course.js is bundled from src/course.js.
const STATIC_FILES = ["index.html", "course.css", "cmi5.xml"];

for (const name of COURSES) {
  const source = join(root, "courses", name);
  const target = join(root, "public", "course-content", name);
  // Start empty so a file deleted from the source cannot linger in the served package.
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });

  for (const file of STATIC_FILES) await copyFile(join(source, file), join(target, file));

  await build({
    entryPoints: [join(source, "src", "course.js")],
    outfile: join(target, "course.js"),
    bundle: true,
    platform: "browser",
    // A classic deferred script, so the page also works where module scripts are refused.
    format: "iife",
    target: "es2020",
    minify: true,
    // @xapi/cmi5 names its ES build in "module" and a UMD wrapper in "browser": take the former.
    mainFields: ["module", "browser", "main"],
    logLevel: "warning",
  });

  const size = (await stat(join(target, "course.js"))).size;
  console.log(`built course "${name}" -> ${target} (course.js ${Math.round(size / 1024)} KiB)`);
}
