// Runs before the page's first paint, right after the prerendered demo (`scrollback prerender`).
// The demo stays only on a plain visit, which opens the demo: a link to a log (?src=, #snippet=),
// to a line (#L…), an embed, or a log kept from the last visit opens something else, which must
// not be preceded by a flash of the demo. The remembered theme is applied here too, for the same
// reason. The app takes the prerender away once its own rows are on the page.
(() => {
  let kept = null;
  let theme = new URLSearchParams(location.search).get('theme');
  try {
    kept = localStorage.getItem('scrollback:kept-log');
    theme = theme || localStorage.getItem('scrollback:theme');
  } catch (error) {
    // Storage is off (a sandboxed frame): nothing is kept and no theme remembered.
  }
  if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  if (location.search || location.hash || kept) document.getElementById('prerendered')?.remove();
})();
