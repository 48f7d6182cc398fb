// Licensure's service worker: keeps the app shell (home page, styles, script, WebAssembly,
// icons) so the installed app opens without a network. Private data is never cached here:
// server-function calls (/api/) and anything but a plain GET go straight to the network.
const CACHE = "licensure-shell-v1";
const SHELL = [
  "/",
  "/pkg/licensure.css",
  "/pkg/licensure.js",
  "/pkg/licensure.wasm",
  "/manifest.webmanifest",
  "/favicon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Network first, so a new release shows at once; the cached shell answers only offline.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return;
  const isShell = SHELL.includes(url.pathname);
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (isShell && response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(request);
        if (cached) return cached;
        if (request.mode === "navigate") return caches.match("/");
        return Response.error();
      }),
  );
});
