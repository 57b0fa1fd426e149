// Message and action rows wholly inside the viewport and not covered by anything (a drawer, a
// sticky bar): the point in the middle of the row belongs to the row. A WebDriver function body,
// shared by tests/e2e_layout.rs and scripts/layout-browsers.py.
const [width, height] = [window.innerWidth, window.innerHeight];
return [...document.querySelectorAll('.row.kind-message, .row.kind-action')].filter(row => {
    const box = row.getBoundingClientRect();
    if (box.height === 0 || box.top < 0 || box.bottom > height || box.left < 0 || box.right > width) return false;
    const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    return hit !== null && row.contains(hit);
}).length;
