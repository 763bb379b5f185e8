"""Speed as a person sees it: a real headless Chromium against ``streamlit run dashboard.py``.

``measure(db)`` starts the dashboard on a store, opens it in Chromium (selenium) and times

* **cold**: the first navigation after the server starts, to the first comparison chart drawn
  (bars in the SVG), so the store is read and every cache filled on the way;
* **warm**: a new navigation to the same page, caches filled;
* **sidebar**: removing a region in the sidebar, to the chart drawn without it (median).

Times are taken in the page, as a person sees them: from the navigation's start (or the pointer
press on the region's remove button) to the first animation frame in which the chart's bars are
there (a ``requestAnimationFrame`` watcher the browser runs before each paint). The wall-clock
times seen by the driver, which add its own round trips (a click through WebDriver takes ~80 ms,
each poll waits for the page's busy main thread), are kept beside them as ``wall_*``.

The first screen (总览) draws the comparison, so no tab click is needed. Chromium, chromedriver and
selenium (a test extra) must be installed; otherwise ``measure`` says what is missing.
"""
from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time

CHART_JS = """
const p = [...document.querySelectorAll('.js-plotly-plot')].find(el => el.data && el.data.length
    && el.data[0].orientation === 'h' && el.querySelector('.barlayer .point path'));
return p ? p.data[0].y : null;"""


# Runs in every page before its own scripts: notes when the comparison chart is first drawn and,
# once armed (window.__pa.arm(region)), when a pointer press is followed by a chart without region.
WATCH_JS = """
(() => {
  const pa = window.__pa = {drawn: null, pressed: null, done: null, gone: null};
  const chart = () => {
    const p = [...document.querySelectorAll('.js-plotly-plot')].find(el => el.data && el.data.length
        && el.data[0].orientation === 'h' && el.querySelector('.barlayer .point path'));
    return p ? p.data[0].y : null;
  };
  const frame = () => {
    const y = chart();
    if (pa.drawn === null) {
      if (y) pa.drawn = performance.now();
    } else if (pa.gone !== null && pa.pressed !== null && pa.done === null && y && !y.includes(pa.gone)) {
      pa.done = performance.now();
    }
    if (pa.drawn === null || (pa.gone !== null && pa.done === null)) requestAnimationFrame(frame);
  };
  pa.arm = (gone) => { pa.gone = gone; pa.pressed = null; pa.done = null; requestAnimationFrame(frame); };
  document.addEventListener('pointerdown', () => { if (pa.gone !== null && pa.pressed === null)
      pa.pressed = performance.now(); }, true);
  requestAnimationFrame(frame);
})();"""

REMOVE = "[data-testid='stSidebar'] button[aria-label^='Remove ']"   # a selected region's remove button


def missing() -> str:
    """'' when a browser measurement can run, else what is missing."""
    if not (shutil.which("chromium") or shutil.which("chromium-browser")) or not shutil.which("chromedriver"):
        return "chromium/chromedriver not installed"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium not installed (pip install -e '.[test]')"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, root: str, port: int | None = None, capture: bool = False):
    """(process, url) of ``streamlit run dashboard.py`` on this store, once it listens.
    ``capture``: keep the server's output, and put its tail in the error when it does not start."""
    port = port or _free_port()
    env = dict(os.environ, PINGAN_DB=db)
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT if capture else subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc, f"http://127.0.0.1:{port}"
        time.sleep(0.1)
    proc.kill()
    tail = proc.stdout.read().decode(errors="replace")[-2000:] if capture else ""
    raise RuntimeError("streamlit did not start" + (f": {tail}" if tail else ""))


def chrome(width: int = 1600, height: int = 1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--window-size={width},{height}", "--lang=zh-CN"):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


def _until(driver, fn, timeout: float = 120.0, poll: float = 0.02):
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        got = fn(driver)
        if got:
            return got
        time.sleep(poll)
    raise TimeoutError("the chart was not drawn")


def chart_regions(driver):
    return driver.execute_script(CHART_JS)


def _navigate(driver, url: str) -> tuple[float, float]:
    """(seconds from the navigation's start to the chart drawn, in the page; the same seen by the driver)."""
    driver.get("about:blank")
    t0 = time.perf_counter()
    driver.get(url)
    drawn = _until(driver, lambda d: d.execute_script("return window.__pa && window.__pa.drawn"))
    return drawn / 1000, time.perf_counter() - t0


def _change(driver, button, gone: str) -> tuple[float, float]:
    """(seconds from pressing ``button`` to the chart drawn without ``gone``, in the page; by the driver)."""
    driver.execute_script("window.__pa.arm(arguments[0])", gone)
    t0 = time.perf_counter()
    button.click()
    pressed, done = _until(driver, lambda d: d.execute_script(
        "const pa = window.__pa; return pa.done !== null && [pa.pressed, pa.done]"), timeout=30)
    return (done - pressed) / 1000, time.perf_counter() - t0


def measure(db: str, root: str, reps: int = 5) -> dict:
    """Seconds to the first comparison chart (cold, warm) and to the chart after a sidebar change."""
    from selenium.webdriver.common.by import By

    proc, url = start_server(db, root)
    driver = chrome()
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_JS})
    try:
        cold = _navigate(driver, url)
        warm = [_navigate(driver, url) for _ in range(max(1, reps // 2))]
        changes = []
        for _ in range(reps):
            remove = _until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, REMOVE), timeout=30)  # sidebar drawn
            if len(remove) < 2:
                break
            gone = remove[0].get_attribute("aria-label").removeprefix("Remove ").split(" · ")[0].strip()
            changes.append(_change(driver, remove[0], gone))
            time.sleep(0.3)
        med = lambda xs: statistics.median(xs) if xs else None  # noqa: E731
        return {"cold_s": cold[0], "warm_s": med([w[0] for w in warm]), "warm": [round(w[0], 3) for w in warm],
                "sidebar_s": med([c[0] for c in changes]), "sidebar": [round(c[0], 3) for c in changes],
                "wall_cold_s": cold[1], "wall_warm_s": med([w[1] for w in warm]),
                "wall_sidebar_s": med([c[1] for c in changes])}
    finally:
        driver.quit()
        proc.terminate()
        proc.wait(10)
