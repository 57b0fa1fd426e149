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
    // A worker that is installing when the page looks: the offer once it is installed.
    const follow = (installing) => {
      installing?.addEventListener("statechange", () => {
        if (installing.state === "installed") {
          offer(installing);
        }
      });
    };
    navigator.serviceWorker.register("sw.js").then((registration) => {
      // The browser may have found the new build on this navigation already: it is waiting,
      // or still installing, and its "updatefound" is past.
      offer(registration.waiting);
      follow(registration.installing);
      registration.addEventListener("updatefound", () => follow(registration.installing));
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
