"""A real browser against `streamlit run dashboard.py`: first chart, a sidebar change, a screenshot."""
import os
import shutil
import time
from urllib.parse import unquote

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def app_db(tmp_path_factory):
    return str(tmp_path_factory.mktemp("db") / "pingan.db")


@pytest.fixture(scope="module")
def app_url(app_db):
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI") == "true":
            pytest.fail("chromium and chromedriver must be installed in CI (.ci/run installs them)")
        pytest.skip("chromium/chromedriver not installed")
    from pingan.browserbench import start_server

    try:
        proc, url = start_server(app_db, str(ROOT), capture=True)
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="module")
def browser():
    from pingan.browserbench import chrome

    driver = chrome(1600, 1100)
    yield driver
    driver.quit()


def _bar_labels(driver):
    """The y tick labels of the comparison chart (its regions), read from the rendered SVG."""
    return driver.execute_script("""
        const plots = [...document.querySelectorAll('.js-plotly-plot')];
        const p = plots.find(el => el.data && el.data.length && el.data[0].orientation === 'h');
        return p ? p.data.flatMap(t => t.y) : null;""")


def test_chart_changes_with_sidebar(app_url, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(app_url + "/?f=survey&i=safety_sense")
    wait = WebDriverWait(browser, 60)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".pa-card")))  # 总览's cards
    # open the 对比 tab (only the open tab is computed)
    tab = wait.until(EC.element_to_be_clickable(
        (By.XPATH, "//*[@data-testid='stTab' or @role='tab'][normalize-space(.)='对比']")))
    tab.click()
    wait.until(lambda d: _bar_labels(d))
    before = _bar_labels(browser)
    browser.save_screenshot(str(tmp_path / "compare_before.png"))
    # remove the first selected region from the sidebar multiselect
    remove = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='stSidebar'] button[aria-label^='Remove ']"))
    assert remove, "the region multiselect has no selected regions"
    removed = remove[0].get_attribute("aria-label").removeprefix("Remove ").split(" · ")[0].strip()
    remove[0].click()
    wait.until(lambda d: _bar_labels(d) is not None and _bar_labels(d) != before)
    after = _bar_labels(browser)
    assert removed in before and removed not in after
    time.sleep(1)
    browser.save_screenshot(str(tmp_path / "compare_after.png"))
    assert "r=" in browser.current_url
    out = os.environ.get("PINGAN_SCREENSHOTS")
    if out:
        for name in ("compare_before.png", "compare_after.png"):
            shutil.copy(tmp_path / name, os.path.join(out, name))


def test_themes_tab_draws_the_heatmap(app_url, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(app_url + "/")
    wait = WebDriverWait(browser, 90)
    tab = wait.until(EC.element_to_be_clickable(
        (By.XPATH, "//*[@data-testid='stTab' or @role='tab'][normalize-space(.)='特色做法']")))
    tab.click()
    heat = """const p = [...document.querySelectorAll('.js-plotly-plot')]
                  .find(el => el.data && el.data.length && el.data[0].type === 'heatmap');
              return p ? p.data[0].y : null;"""
    wait.until(lambda d: d.execute_script(heat))
    regions = browser.execute_script(heat)
    assert "宿州市" in regions and "六安市" in regions
    time.sleep(1)
    browser.save_screenshot(str(tmp_path / "themes.png"))
    out = os.environ.get("PINGAN_SCREENSHOTS")
    if out:
        shutil.copy(tmp_path / "themes.png", os.path.join(out, "themes.png"))


def test_adding_a_docx_and_a_zip_through_the_panel(app_url, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    from tests.docfixtures import make_docx, make_zip

    docx = tmp_path / "淮北通报.docx"
    docx.write_bytes(make_docx(["淮北市2022年全市群众安全感达到97.31%。"], title="淮北市平安建设通报"))
    bundle = tmp_path / "材料.zip"
    bundle.write_bytes(make_zip({"亳州.txt": "亳州市2022年破获电信网络诈骗案件456起。".encode(),
                                 "../../越界.txt": b"x"}))
    browser.get(app_url + "/")
    wait = WebDriverWait(browser, 90)
    panel = wait.until(EC.element_to_be_clickable(
        (By.XPATH, "//*[@data-testid='stSidebar']//summary[contains(normalize-space(.), '添加文档')]")))
    panel.click()
    upload = wait.until(EC.presence_of_element_located(
        (By.CSS_SELECTOR, "[data-testid='stSidebar'] [data-testid='stFileUploader'] input[type='file']")))
    upload.send_keys(f"{docx}\n{bundle}")
    sidebar = lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid='stSidebar']").text  # noqa: E731
    wait.until(lambda d: docx.name in sidebar(d) and bundle.name in sidebar(d))  # both uploaded
    button = browser.find_element(By.XPATH, "//*[@data-testid='stSidebar']//button[normalize-space(.)='添加']")
    button.click()
    wait.until(lambda d: "已存入 2 个、拒绝 1 个" in sidebar(d))
    # the per-file lines come in the same rerun but may be painted a moment later: wait for them
    wait.until(lambda d: "亳州.txt:已保存" in sidebar(d) and "越界.txt" in sidebar(d))
    browser.save_screenshot(str(tmp_path / "add_panel.png"))
    text = sidebar(browser)
    assert "淮北通报.docx:已保存" in text and "亳州.txt:已保存" in text
    assert "材料.zip/../../越界.txt: unsafe path in the archive" in text and "Traceback" not in text
    out = os.environ.get("PINGAN_SCREENSHOTS")
    if out:
        shutil.copy(tmp_path / "add_panel.png", os.path.join(out, "add_panel.png"))


VIEWS = ["总览", "对比", "扫黑除恶", "电诈与犯罪趋势", "数据", "原文", "特色做法"]


def _drawn(driver):
    """The first comparison chart, drawn (bars in its SVG): its regions and their colours."""
    return driver.execute_script("""
        const p = [...document.querySelectorAll('.js-plotly-plot')].find(el => el.data && el.data.length
            && el.data[0].orientation === 'h' && el.querySelector('.barlayer .point path'));
        return p ? [p.data[0].y, p.data[0].marker.color] : null;""")


def test_first_screen_draws_the_comparison_without_a_click(app_url, app_db, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(app_url + "/")
    regions, colours = WebDriverWait(browser, 90).until(_drawn)
    from pingan.store import Store

    assert {"六安市", "大理白族自治州", "宿州市"} <= set(regions)
    with Store(app_db) as store:                                           # the colours the store keeps,
        kept = store.region_colors()                                       # as in the PNG and deck
    assert list(colours) == [kept[r] for r in regions] and len(set(colours)) == len(colours)


def test_a_shared_address_restores_the_tab_and_the_document(app_url, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(app_url + "/?tab=原文&doc=002_405db3441bf8970d.txt")
    wait = WebDriverWait(browser, 90)
    wait.until(lambda d: d.execute_script(
        "return [...document.querySelectorAll('[role=tab]')].find(t => t.getAttribute('aria-selected') === 'true')"
        "?.innerText.trim() === '原文' && document.body.innerText.includes('002_405db3441bf8970d.txt · ')"))
    assert "tab=" in browser.current_url and "doc=002_405db3441bf8970d.txt" in browser.current_url


@pytest.mark.parametrize("width", [1600, 1280])
def test_every_view_at_a_desktop_width(app_url, browser, tmp_path, width):
    """Each view renders at 1600 and 1280 px; on the first screen no card's period is cut."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(width, 1000)
    browser.get(app_url + "/?r=六安市,大理白族自治州,宿州市,淄博市,安康市,云南省")
    wait = WebDriverWait(browser, 90)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".pa-card")))
    time.sleep(1)
    cut = browser.execute_script("""return [...document.querySelectorAll('.pa-p, .pa-l, .pa-v')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText);""")
    assert not cut, cut
    out = os.environ.get("PINGAN_SCREENSHOTS")
    for label in VIEWS:
        tab = wait.until(EC.element_to_be_clickable(
            (By.XPATH, f"//*[@data-testid='stTab' or @role='tab'][normalize-space(.)='{label}']")))
        tab.click()
        wait.until(lambda d: label in unquote(d.current_url) or label == "总览")
        time.sleep(2)
        assert not browser.find_elements(By.CSS_SELECTOR, "[data-testid='stException']"), label
        name = f"{width}_{VIEWS.index(label)}_{label}.png"
        browser.save_screenshot(str(tmp_path / name))
        if out:
            shutil.copy(tmp_path / name, os.path.join(out, name))
    browser.set_window_size(1600, 1100)
