// smartvet service worker, served at /sw.js by core.views.service_worker, which puts CONFIG
// (version, shell files, words) before this text. It keeps static files and the pages marked
// for offline entry (header CONFIG.header: CONFIG.mark) so they open with no network. Writes
// are never answered from here: a POST goes to the network and fails where the user sees it
// (offline.js keeps the entry).
const SHELL = `smartvet-shell-${CONFIG.version}`;
const PAGES = "smartvet-pages"; // the signed-in user's pages: emptied at login and logout

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(CONFIG.shell)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  const old = (key) => key.startsWith("smartvet-shell-") && key !== SHELL;
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter(old).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

const offlinePage = () => new Response(
  `<!doctype html><html lang="zh-CN"><meta charset="utf-8">`
  + `<meta name="viewport" content="width=device-width, initial-scale=1">`
  + `<link rel="stylesheet" href="${CONFIG.css}"><title>${CONFIG.words.title}</title>`
  + `<main><p class="error">${CONFIG.words.not_kept}</p>`
  + `<p><a class="button" href="${CONFIG.queue}">${CONFIG.words.queue}</a></p></main></html>`,
  { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
);

// Static files: the cache first (their names change with each deploy).
const staticFile = async (request) => {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
  return response;
};

// Pages and the region picker's data: the network first, always; a kept copy only offline.
const fresh = async (request, keepAny) => {
  try {
    const response = await fetch(request);
    const marked = response.headers.get(CONFIG.header) === CONFIG.mark;
    if (response.ok && !response.redirected && (marked || keepAny)) {
      (await caches.open(PAGES)).put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await caches.match(request, { ignoreVary: true });
    if (kept) return kept;
    if (request.mode === "navigate") return offlinePage();
    throw error;
  }
};

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    if (CONFIG.forget.includes(url.pathname)) event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (url.pathname.startsWith(CONFIG.static)) event.respondWith(staticFile(request));
  else if (CONFIG.data.includes(url.pathname)) event.respondWith(fresh(request, true));
  else if (request.mode === "navigate") event.respondWith(fresh(request, false));
});
