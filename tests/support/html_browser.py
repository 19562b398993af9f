"""Open review pages (rapporteur --to html) in headless Chromium and report
what a reader gets: for each view asked (by URL fragment), the text shown
and the changes shown per State; axe-core's serious and critical
violations; anything the page loads or links outside itself; whether a
390-pixel-wide phone scrolls sideways; the controls by keyboard; the time
a filter takes; and screenshots.

Usage: html_browser.py JOB.json RESULT.json. Driven by tests/html/html_browser.rs,
which compares the results with `rapporteur render --to md --view ...` and
`rapporteur check --stats`. The network is off (DevTools' offline mode and
no proxy): the pages are opened from file:// paths.
"""

import base64
import json
import pathlib
import re
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.keys import Keys

# The page lets the browser skip laying out points off screen
# (content-visibility: auto), and innerText leaves out what is skipped: the
# text is read as the screen shows each point when scrolled to it, with
# every point laid out.
SHOWN = """
const all = document.createElement('style');
all.textContent = '.point{content-visibility:visible!important}';
document.head.appendChild(all);
const counts = {};
const seen = {};
for (const el of document.querySelectorAll('#body ins[data-c], #body del[data-c]')) {
  if (!el.checkVisibility() || el.classList.contains('x')) continue;
  const c = el.getAttribute('data-c');
  if (seen[c]) continue;
  seen[c] = true;
  const a = /(?:^|\\s)s(\\d+)(?:\\s|$)/.exec(el.className)[1];
  counts[a] = counts[a] || [0, 0];
  counts[a][el.tagName === 'INS' ? 0 : 1] += 1;
}
const text = document.getElementById('body').innerText;
all.remove();
return {
  text: text,
  counts: counts,
  view: document.documentElement.getAttribute('data-view'),
  legend: Array.from(document.querySelectorAll('.legend li')).map(li => li.innerText.trim()),
};
"""

OUTSIDE = """
const found = [];
const attrs = ['src', 'href', 'srcset', 'poster', 'data', 'action', 'formaction', 'background', 'xlink:href'];
for (const el of document.querySelectorAll('*')) {
  for (const a of attrs) {
    const v = el.getAttribute(a);
    if (v !== null && !v.startsWith('#')) {
      found.push(el.tagName + ' ' + a + '=' + v);
    }
  }
  const style = el.getAttribute('style');
  if (style && /url\\(/i.test(style)) found.push(el.tagName + ' style=' + style);
}
for (const sheet of document.styleSheets) {
  for (const rule of sheet.cssRules) {
    if (/url\\(|@import/i.test(rule.cssText)) found.push('css: ' + rule.cssText);
  }
}
return {
  found: found,
  resources: performance.getEntriesByType('resource').map(r => r.name),
};
"""


def driver_for(job):
    options = webdriver.ChromeOptions()
    options.binary_location = job["chromium"]
    for flag in [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--no-proxy-server",
        "--user-data-dir=" + tempfile.mkdtemp(prefix="rapporteur-chromium-"),
        "--window-size=1280,900",
        "--lang=en-US",
    ]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(job["chromedriver"]), options=options)
    # axe-core on the scale-10 page takes a while on a busy machine.
    driver.set_script_timeout(600)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0},
    )
    return driver


def metrics(driver, width, height, mobile):
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def open_page(driver, url, fragment):
    """A fresh load of the page with the fragment, as a link opens it."""
    driver.get("about:blank")
    driver.get(url + ("#" + fragment if fragment else ""))
    for _ in range(200):
        if driver.execute_script("return document.readyState") == "complete":
            break
        time.sleep(0.01)


def errors(driver):
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry.get("level") in ("SEVERE", "ERROR")
    ]


def run_axe(driver, axe_source):
    started = time.time()
    driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));"
    )
    print(f"axe: {time.time() - started:.1f} s", file=sys.stderr)
    return result


def keyboard(driver, url):
    """Tab from the top of the page to the first State's box and press the
    space bar: the view must follow, and the fragment with it."""
    open_page(driver, url, "")
    body = driver.find_element("tag name", "body")
    body.click()
    reached = None
    for step in range(60):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        if active.get_attribute("name") == "author":
            reached = step + 1
            break
    if reached is None:
        return {"reached": None}
    code = active.get_attribute("value")
    active.send_keys(Keys.SPACE)
    time.sleep(0.05)
    after = driver.execute_script(
        "return [document.documentElement.getAttribute('data-view'), location.hash]"
    )
    radio = driver.find_element("css selector", "input[name=view][value=accepted]")
    radio.send_keys(Keys.SPACE)
    time.sleep(0.05)
    accepted = driver.execute_script(
        "return [document.documentElement.getAttribute('data-view'), location.hash]"
    )
    return {"reached": reached, "code": code, "after": after, "accepted": accepted}


def timing(driver, url, fragments):
    open_page(driver, url, "")
    out = {}
    for fragment in fragments:
        ms = driver.execute_script(
            "const t0 = performance.now();"
            "const apply = window.rapporteur.show('#' + arguments[0]);"
            "document.body.offsetHeight;"
            "return [apply, performance.now() - t0];",
            fragment,
        )
        out[fragment] = ms
    return out


def page(driver, job, spec):
    url = pathlib.Path(spec["path"]).resolve().as_uri()
    result = {"name": spec["name"], "views": {}}
    metrics(driver, 1280, 900, False)
    for fragment in spec.get("fragments", []):
        open_page(driver, url, fragment)
        result["views"][fragment] = driver.execute_script(SHOWN)
    open_page(driver, url, "")
    result["outside"] = driver.execute_script(OUTSIDE)
    if spec.get("relative_links"):
        # An index links the files beside it: relative names only.
        result["outside"]["found"] = [
            f for f in result["outside"]["found"] if not re.fullmatch(r"A href=[^:/]+", f)
        ]
    result["nojs_hidden"] = driver.execute_script(
        "return document.documentElement.classList.contains('js')"
    )
    if spec.get("axe"):
        result["axe"] = run_axe(driver, job["axe_source"])
        if spec.get("axe_fragment"):
            open_page(driver, url, spec["axe_fragment"])
            result["axe_filtered"] = run_axe(driver, job["axe_source"])
    if spec.get("keyboard"):
        result["keyboard"] = keyboard(driver, url)
    if spec.get("timing"):
        result["timing"] = timing(driver, url, spec["timing"])
    if spec.get("print"):
        # Print as the reader would, from the view on screen.
        open_page(driver, url, spec["print"]["fragment"])
        pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
        pathlib.Path(spec["print"]["file"]).write_bytes(base64.b64decode(pdf["data"]))
    metrics(driver, 390, 844, True)
    open_page(driver, url, spec.get("phone_fragment", ""))
    result["phone"] = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    for shot in spec.get("screenshots", []):
        metrics(driver, shot["width"], shot["height"], shot["width"] < 600)
        open_page(driver, url, shot.get("fragment", ""))
        if shot.get("scroll"):
            driver.execute_script(
                "const el = document.getElementById(arguments[0]);"
                "if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 8);",
                shot["scroll"],
            )
        time.sleep(0.2)
        driver.save_screenshot(shot["file"])
    metrics(driver, 1280, 900, False)
    result["errors"] = errors(driver)
    return result


def main():
    job = json.loads(pathlib.Path(sys.argv[1]).read_text())
    job["axe_source"] = pathlib.Path(job["axe"]).read_text()
    driver = driver_for(job)
    try:
        results = [page(driver, job, spec) for spec in job["pages"]]
    finally:
        driver.quit()
    pathlib.Path(sys.argv[2]).write_text(json.dumps({"pages": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
