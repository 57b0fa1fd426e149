// The viewer's service worker: after the first visit the viewer opens offline, from a cache of
// this build's files, and a new build is fetched in the background and offered on the page.
// scripts/offline-manifest.sh fills in BUILD_FILES and BUILD_ID after each build.
"use strict";

const BUILD_ID = "BUILD_ID";
const BUILD_FILES = ["BUILD_FILES"];
const CACHE = "scrollback-" + BUILD_ID;

// Every file of this build, checked with the server (a file the page just loaded comes back as
// "not modified", not downloaded twice), so that one build's files are never mixed with
// another's. A new worker then waits until the page says to take over.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(BUILD_FILES.map((file) => new Request(file, { cache: "no-cache" })))),
  );
});

// Older builds' caches go once this build is the one in charge.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("scrollback-") && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// The page asks a waiting build to take over when its reader says so.
self.addEventListener("message", (event) => {
  if (event.data === "scrollback:take-over") {
    self.skipWaiting();
  }
});

// This build's files come from the cache; the viewer's page itself, whatever its query
// (`?src=`, `?embed`), is index.html. Everything else (a log from `?src=`) goes to the network.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) {
    return;
  }
  const file = url.pathname.slice(scope.pathname.length);
  const page = request.mode === "navigate" && (file === "" || file === "index.html");
  if (!page && (url.search !== "" || !BUILD_FILES.includes(file))) {
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(page ? "index.html" : file)).then((cached) => cached || fetch(request)),
  );
});
