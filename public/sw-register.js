// Registers the service worker that lets Licensure install on a phone and open offline.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without a worker the site still works; it just cannot open offline.
    });
  });
}
