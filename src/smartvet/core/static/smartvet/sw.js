// smartvet service worker, served at /sw.js by core.views.service_worker, which puts CONFIG
// (version, shell files, words) before this text. It keeps static files and the pages marked
// for offline entry (header CONFIG.header: CONFIG.mark) so they open with no network. Writes
// are never answered from here: a POST goes to the network and fails where the user sees it
// (offline.js keeps the entry). Where the browser has Background Sync, the kept entries are
// also sent from here when the network returns with no page of the site open.
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

// --- Background Sync (Chromium): offline.js registers SYNC when it keeps an entry; the browser
// fires it once connected. It sends only while no page of the site is open (an open page
// sends its entries itself and tells the user what went). Only the signed-in user's entries go
// (USER, written by offline.js into PAGES, which login and logout empty): a shared phone never
// sends one user's entry with another's session. Only successes are handled here; a refusal
// or the login page leaves the entry for the page, which shows it (the next page load sends).
const SYNC = "smartvet-offline";
const USER = "/offline/?user";

const store = () => new Promise((resolve, reject) => {
  const open = indexedDB.open("smartvet-offline", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("entries", { keyPath: "id" });
  open.onsuccess = () => resolve(open.result);
  open.onerror = () => reject(open.error);
});
const inEntries = (db, mode, work) => new Promise((resolve, reject) => {
  const tx = db.transaction("entries", mode);
  const request = work(tx.objectStore("entries"));
  tx.oncomplete = () => resolve(request.result);
  tx.onerror = () => reject(tx.error);
});

const sendKept = async () => {
  if ((await self.clients.matchAll({ type: "window", includeUncontrolled: true })).length) return;
  const signedIn = await caches.match(USER);
  if (!signedIn) return;
  const user = await signedIn.text();
  const db = await store();
  const entries = await inEntries(db, "readonly", (entries) => entries.getAll());
  for (const entry of entries) {
    if (entry.user !== user || entry.state !== "waiting") continue;
    // the form's own CSRF token travels in the body (no page here to read the header's);
    // no network throws, and the browser fires the sync again later
    const response = await fetch(entry.url, {
      method: "POST",
      body: new URLSearchParams(entry.body),
      credentials: "same-origin",
      headers: { "X-Smartvet-Offline": "1" },
    });
    if ([502, 503, 504].includes(response.status)) throw new Error(`${response.status}`);
    if ((response.headers.get("Content-Type") || "").includes("json")) {
      await inEntries(db, "readwrite", (entries) => entries.delete(entry.id));
    }
  }
};

self.addEventListener("sync", (event) => {
  if (event.tag === SYNC) event.waitUntil(sendKept());
});
