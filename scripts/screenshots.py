"""Screenshots of every dashboard page of a running graphx (for docs/screenshots/).

Usage: python scripts/screenshots.py URL USER PASSWORD OUT_DIR --client ID --a ID --b ID
       --target ID [--interest golf] [--width 390]

At 1440 px wide the files are named after the page (``portfolio.png``); at another width,
with the width (``portfolio-390.png``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from urllib.parse import urlencode

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--no-first-run",
)  # fmt: skip
DESKTOP = 1440


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("url", "user", "password", "out"):
        parser.add_argument(name)
    for name in ("--client", "--a", "--b", "--target"):
        parser.add_argument(name, required=True)
    parser.add_argument("--interest", default="golf")
    parser.add_argument("--width", type=int, default=DESKTOP)
    args = parser.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    height = 1100 if args.width == DESKTOP else 2400  # a phone's page, scrolled whole
    options.add_argument(f"--window-size={args.width},{height}")
    suffix = "" if args.width == DESKTOP else f"-{args.width}"
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    browser.get(f"{args.url}/login")
    browser.find_element(By.ID, "username").send_keys(args.user)
    browser.find_element(By.ID, "password").send_keys(args.password)
    browser.find_element(By.ID, "login-submit").click()
    time.sleep(2)
    pages = {
        "portfolio": "/",
        "coverage": "/coverage?" + urlencode({"organisation": args.client}),
        "explorer": "/explorer?" + urlencode({"person": args.a, "min_level": 2}),
        "intro": "/intro?" + urlencode({"me": args.a, "target": args.target}),
        "relationship": "/relationship?" + urlencode({"a": args.a, "b": args.b}),
        "gaps": "/gaps?" + urlencode({"organisation": args.client}),
        "occasion": "/occasion?" + urlencode({"interest": args.interest}),
        "my-network": "/me",
    }
    for name, path in pages.items():
        browser.get(args.url + path)
        time.sleep(3)
        WebDriverWait(browser, 180).until(
            lambda b: (
                b.execute_script(
                    "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length"
                )
                == 0
            )
        )
        time.sleep(2)
        browser.save_screenshot(str(out / f"{name}{suffix}.png"))
        print(out / f"{name}{suffix}.png")
    browser.quit()


if __name__ == "__main__":
    main()
