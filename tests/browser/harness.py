"""Plumbing for the browser suite: a tiny test runner, a static file
server, one headless Chromium driven by Selenium, and clean-up that never
leaves a browser, driver or server behind."""

import base64
import functools
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:120]


class Runner:
    """Counts checks; prints one line per failure and `N passed, M failed` at the end."""

    def __init__(self, artifacts, verbose=False):
        self.started = time.monotonic()
        self.artifacts = artifacts
        self.verbose = verbose
        self.passed = 0
        self.failures = []
        self.browser = None  # for screenshots of failures
        self.group = None
        self.group_counts = {}

    def start_group(self, name):
        self.group = name
        self.group_counts.setdefault(name, [0, 0])
        print(f"\n== {name}", flush=True)

    def run(self, name, fn, *args, screenshot=True, **kwargs):
        """Runs one check; returns its value, or None when it failed."""
        started = time.monotonic()
        try:
            value = fn(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - every failure is reported, the suite goes on
            self.failures.append(name)
            self.group_counts.setdefault(self.group, [0, 0])[1] += 1
            detail = str(error) if isinstance(error, Failure) else "".join(
                traceback.format_exception_only(type(error), error)).strip()
            print(f"FAIL {name}\n     {detail.replace(chr(10), chr(10) + '     ')}", flush=True)
            if screenshot and self.browser is not None:
                path = self.browser.screenshot(os.path.join(self.artifacts, slug(name) + ".png"))
                if path:
                    print(f"     screenshot: {os.path.relpath(path)}", flush=True)
            return None
        self.passed += 1
        self.group_counts.setdefault(self.group, [0, 0])[0] += 1
        if self.verbose:
            print(f"ok   {name} ({time.monotonic() - started:.1f} s)", flush=True)
        return value if value is not None else True

    def summary(self):
        print("\n== samenvatting")
        for group, (ok, bad) in self.group_counts.items():
            if group:
                print(f"  {group}: {ok} passed, {bad} failed")
        if self.failures:
            print("\nMislukt:")
            for name in self.failures:
                print(f"  - {name}")
            print(f"Schermafbeeldingen en details: {os.path.relpath(self.artifacts)}/")
        print(f"\n(duur {time.monotonic() - self.started:.0f} s)")
        print(f"{self.passed} passed, {len(self.failures)} failed", flush=True)
        return 0 if not self.failures else 1


# ---------------------------------------------------------------- processes

_cleanups = []


def on_exit(fn):
    _cleanups.append(fn)


def cleanup():
    while _cleanups:
        fn = _cleanups.pop()
        try:
            fn()
        except Exception:  # noqa: BLE001
            pass


def _terminate(signum, _frame):
    cleanup()
    print(f"\nafgebroken (signaal {signum})", file=sys.stderr, flush=True)
    os._exit(128 + signum)


def install_signal_handlers(deadline_seconds):
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminate)

    def overtime(_signum, _frame):
        raise TimeoutError(f"de suite duurde langer dan {deadline_seconds} s")
    signal.signal(signal.SIGALRM, overtime)
    signal.alarm(deadline_seconds)


def descendants(pid):
    """Every process below pid (from /proc), deepest last."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("latin-1")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kill_tree(pid):
    for p in [pid] + descendants(pid):
        try:
            os.kill(p, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run_command(args, timeout, cwd=None, env=None):
    """Runs a command in its own process group; kills the group on timeout."""
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, start_new_session=True)
    on_exit(lambda: kill_tree(proc.pid) if proc.poll() is None else None)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)
        out, err = proc.communicate()
        raise Failure(f"{' '.join(args[:3])}… duurde langer dan {timeout} s\n{err[-2000:]}")
    return proc.returncode, out, err


# ------------------------------------------------------------------ server

class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; a missing file gets the site's 404.html (as a host would)."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code == 404 and os.path.isfile(page):
            with open(page, "rb") as f:
                body = f.read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class StaticServer:
    """http.server on 127.0.0.1 and a free port, in a daemon thread."""

    def __init__(self, folder):
        handler = functools.partial(_Handler, directory=folder)
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        self.thread.start()
        on_exit(self.stop)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ----------------------------------------------------------------- browser

class Browser:
    """One headless Chromium for the whole suite (Selenium + chromedriver)."""

    def __init__(self, chromium, chromedriver, artifacts, axe_source):
        socket.setdefaulttimeout(120)  # Selenium's connection to the driver
        self.profile = tempfile.mkdtemp(prefix="vios-browser-")
        on_exit(lambda: shutil.rmtree(self.profile, ignore_errors=True))
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--disable-background-networking", "--disable-sync", "--mute-audio", "--lang=nl-NL",
                    "--force-device-scale-factor=1", "--window-size=1280,900",
                    f"--user-data-dir={self.profile}"]:
            options.add_argument(arg)
        if os.geteuid() == 0:
            options.add_argument("--no-sandbox")
        log = os.path.join(artifacts, "chromedriver.log")
        self.service = Service(chromedriver, log_output=log, popen_kw={"start_new_session": True})
        self.driver = None
        on_exit(self.quit)
        self.driver = webdriver.Chrome(options=options, service=self.service)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        self.axe_source = axe_source
        self.width = None

    def quit(self):
        pid = self.service.process.pid if self.service and self.service.process else None
        tree = descendants(pid) if pid else []
        if self.driver is not None:
            done = threading.Event()

            def stop():
                try:
                    self.driver.quit()
                finally:
                    done.set()
            threading.Thread(target=stop, daemon=True).start()
            done.wait(15)
            self.driver = None
        for p in ([pid] if pid else []) + tree:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass

    # --- windows and pages

    def set_width(self, width, height=900):
        """A window whose layout viewport is `width` CSS px wide."""
        d = self.driver
        d.set_window_size(width, height)
        inner = d.execute_script("return window.innerWidth")
        if inner != width:
            d.set_window_size(width + (width - inner), height)
            inner = d.execute_script("return window.innerWidth")
        check(inner == width, f"venster is {inner} px breed, verwacht {width}")
        self.width = width

    def open(self, url):
        self.driver.get(url)
        # Layout done and fonts loaded before anything is measured.
        self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "(document.fonts ? document.fonts.ready : Promise.resolve()).then(function () { done(1); });")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def keys(self, *keys):
        ActionChains(self.driver).send_keys(*keys).perform()

    def select_all(self):
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()

    def tab(self, shift=False):
        if shift:
            ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        else:
            self.keys(Keys.TAB)

    def screenshot(self, path):
        try:
            if self.driver is None:
                return None
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot",
                                               {"format": "png", "captureBeyondViewport": True})
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            return path
        except (WebDriverException, OSError, KeyError):
            return None

    # --- axe-core

    def axe(self, tags, timeout_ms=45000):
        """Runs axe-core on the current page. Returns (violations, incomplete
        count); each node says whether it sits in Markdown body text (.tekst)."""
        d = self.driver
        if not d.execute_script("return typeof window.axe === 'object'"):
            d.execute_script(self.axe_source)
        result = d.execute_async_script("""
            var tags = arguments[0], limit = arguments[1], done = arguments[arguments.length - 1];
            var timer = setTimeout(function () { done({error: 'axe.run: geen antwoord na ' + limit + ' ms'}); }, limit);
            try {
              axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], elementRef: true})
                .then(function (r) {
                  clearTimeout(timer);
                  done({version: axe.version, incomplete: r.incomplete.length, violations: r.violations.map(function (v) {
                    return {id: v.id, impact: v.impact, help: v.help, tags: v.tags,
                            nodes: v.nodes.map(function (n) {
                              return {target: n.target.join(' '), html: n.html.slice(0, 200),
                                      inBody: !!(n.element && n.element.closest && n.element.closest('.tekst')),
                                      summary: (n.failureSummary || '').slice(0, 400)};
                            })};
                  })});
                }, function (e) { clearTimeout(timer); done({error: 'axe.run: ' + String(e && e.message || e)}); });
            } catch (e) { clearTimeout(timer); done({error: 'axe.run: ' + String(e && e.message || e)}); }
        """, tags, timeout_ms)
        if result.get("error"):
            raise Failure(result["error"])
        return result["violations"], result["incomplete"]


def describe_violations(violations, limit=4):
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}×)")
        for node in v["nodes"][:limit]:
            lines.append(f"    {node['target']}  {node['html'][:120]}")
            if node["summary"]:
                lines.append("      " + node["summary"].replace("\n", " ")[:300])
    return "\n".join(lines)


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
