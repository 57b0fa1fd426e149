#!/usr/bin/env python3
"""Counts the messages on the first screen in Firefox and WebKit, as tests/e2e_layout.rs does in
Chromium, and checks that the legend's speaker colours and marker shapes (tests/e2e_colours.rs)
come out there too, and that the prerendered demo gives way to the app (a plain visit) or never
stays (a `?src=` visit: its inline script is allowed by the CSP there too).

A manual check, not run by CI. Needs `pip install selenium`, Debian `firefox-esr`,
`cargo install geckodriver`, Debian `webkit2gtk-driver` and `xvfb` (run under `xvfb-run -a`),
and a built `dist/`:

    xvfb-run -a python3 scripts/layout-browsers.py [LOG]

LOG defaults to ../shared/corpus/mirage-canopy/15-06-2016. Screenshots go to target/screenshots/.
"""
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time

from selenium import webdriver

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOG = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "../shared/corpus/mirage-canopy/15-06-2016")
SCREENS = [("laptop", 1366, 768), ("desktop", 1920, 1080), ("phone", 390, 844)]
# The same count as tests/e2e_layout.rs makes.
with open(os.path.join(ROOT, "tests", "support", "visible-messages.js")) as script:
    COUNT = script.read()


# How many legend speakers, how many different colours they wear, and how many marker shapes.
LEGEND = """
const nicks = [...document.querySelectorAll('.legend .nick')];
const swatches = [...document.querySelectorAll('.legend .swatch')];
return [nicks.length, new Set(nicks.map(nick => getComputedStyle(nick).color)).size,
        new Set(swatches.map(swatch => getComputedStyle(swatch).clipPath)).size];
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browsers():
    firefox = webdriver.FirefoxOptions()
    firefox.add_argument("-headless")
    yield "firefox", lambda: webdriver.Firefox(options=firefox)
    yield "webkit", lambda: webdriver.WebKitGTK(options=webdriver.WebKitGTKOptions())


PRERENDER = """
const prerendered = document.getElementById('prerendered');
return [prerendered === null ? -1 : prerendered.querySelectorAll('.row.kind-message').length,
        document.querySelectorAll('main.app .row.kind-message').length];
"""


def check_first_visit(name, driver, viewer, src):
    """The prerendered demo on a plain visit, then the app's rows; none on a `?src=` visit."""
    driver.get(viewer)
    at_load = driver.execute_script(PRERENDER)
    time.sleep(4)
    settled = driver.execute_script(PRERENDER)
    driver.get(f"{viewer}?src={src}")
    with_src = driver.execute_script(PRERENDER)
    print(f"{name} first visit: prerendered rows at load {at_load[0]} (-1: already gone), "
          f"after 4 s {settled[0]} with {settled[1]} app rows; ?src= at load: {with_src[0]}")
    assert settled[0] == -1 and settled[1] > 0, f"{name}: the app did not take over from the prerender"
    assert with_src[0] == -1, f"{name}: the prerender stayed on a ?src= visit (its script blocked?)"


def main():
    site = tempfile.mkdtemp(prefix="scrollback-layout-")
    shutil.copytree(os.path.join(ROOT, "dist"), os.path.join(site, "viewer"))
    os.makedirs(os.path.join(site, "logs"))
    shutil.copy(LOG, os.path.join(site, "logs", "call.txt"))
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/viewer/index.html?src=../logs/call.txt"
    shots = os.path.join(ROOT, "target", "screenshots")
    os.makedirs(shots, exist_ok=True)
    for name, start in browsers():
        driver = start()
        try:
            check_first_visit(name, driver, f"http://127.0.0.1:{server.server_address[1]}/viewer/index.html", "../logs/call.txt")
            for screen, width, height in SCREENS:
                driver.set_window_size(width, height)
                driver.get(f"{base}&screen={screen}")
                time.sleep(4)  # the page parses in its worker and then finds the agenda
                n = driver.execute_script(COUNT)
                viewport = driver.execute_script("return [innerWidth, innerHeight]")
                driver.save_screenshot(os.path.join(shots, f"layout-{name}-{screen}.png"))
                print(f"{name} {screen} (viewport {viewport[0]}x{viewport[1]}): {n} messages on the first screen")
                if screen == "laptop":
                    speakers, colours, shapes = driver.execute_script(LEGEND)
                    print(f"{name} legend: {speakers} speakers in {colours} colours, {shapes} marker shapes")
        finally:
            driver.quit()
    server.shutdown()
    shutil.rmtree(site)


if __name__ == "__main__":
    main()
