#!/usr/bin/env python3
"""How long the web page's live preview takes: from a keystroke in a figure field to the new
page pictures on screen, in headless chromium against a real ``briefmaker serve``.

    .venv/bin/python benchmarks/web_preview.py [--changes 15]

Serves a temp copy of briefs/, logs in, opens the seed brief and types a new value into one
figure ``--changes`` times, waiting each time for the new pages. Reports the page's own figure
(``data-ms``: first keystroke → every new picture loaded; includes the 250 ms pause the page
waits for more typing) and the server's build-and-render seconds. Needs chromium, chromium-driver.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import web_screenshots as site  # noqa: E402  (its server and browser set-up)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=15)
    args = parser.parse_args()
    with site.served() as (url, downloads):
        driver = site.browser(downloads)
        try:
            site.login(driver, url)
            driver.get(url + "/web/briefs/changxing-2020")
            pages = lambda d: d.find_element(By.ID, "pages")  # noqa: E731
            site.until(driver, lambda d: pages(d).get_attribute("data-state") == "fresh")
            box = driver.find_element(By.CSS_SELECTOR, 'input[data-path="data.disputes.found"]')
            shown, server = [], []
            for value in range(250, 250 + args.changes):
                key = pages(driver).get_attribute("data-key")
                box.send_keys(Keys.CONTROL, "a")
                box.send_keys(str(value))
                site.until(driver, lambda d: pages(d).get_attribute("data-key") != key
                           and pages(d).get_attribute("data-state") == "fresh")
                shown.append(int(pages(driver).get_attribute("data-ms")))
                server.append(float(pages(driver).get_attribute("data-server") or 0))
                time.sleep(0.3)
        finally:
            driver.quit()
    load = os.getloadavg()
    print(f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    print(f"keystroke → new pages shown: median {statistics.median(shown)} ms, "
          f"p90 {sorted(shown)[int(0.9 * (len(shown) - 1))]} ms, min {min(shown)} ms ({len(shown)} changes)")
    print(f"server (build + render, in the worker): median {statistics.median(server):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
