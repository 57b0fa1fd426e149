// Registers the viewer's service worker (sw.js, which keeps this build's files for offline use)
// once the page has shown its first log, so that caching never competes with the first visit's
// own downloads; and tells the page when a newer build waits. The page shows the offer
// (browser/web_offline.rs) and answers with "scrollback:take-new-build" when the reader accepts.
"use strict";
(() => {
  if (!("serviceWorker" in navigator)) {
    return;
  }
  let waiting = null;
  const offer = (worker) => {
    // Only a build that replaces the one in charge is news; the first install is not.
    if (worker && navigator.serviceWorker.controller) {
      waiting = worker;
      window.dispatchEvent(new Event("scrollback:new-build"));
    }
  };
  window.addEventListener("scrollback:take-new-build", () => {
    if (!waiting) {
      return;
    }
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    waiting.postMessage("scrollback:take-over");
  });
  let registered = false;
  const register = () => {
    if (registered) {
      return;
    }
    registered = true;
    navigator.serviceWorker.register("sw.js").then((registration) => {
      offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        installing?.addEventListener("statechange", () => {
          if (installing.state === "installed") {
            offer(installing);
          }
        });
      });
    }, () => {});
  };
  // The app marks the first rows of a log; a page that never shows one registers after 10 s.
  new PerformanceObserver((marks) => {
    if (marks.getEntriesByName("scrollback:first-log-rows").length > 0) {
      register();
    }
  }).observe({ type: "mark" });
  setTimeout(register, 10000);
})();
