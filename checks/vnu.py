"""The Nu Html Checker (vnu.jar, from the vnu-jar npm package that package-lock.json pins), run once over many
documents: one Java start for the lot, as each start costs seconds."""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Finding:
    document: str
    line: int | None
    message: str
    extract: str

    def __str__(self):
        return f"{self.document}:{self.line}: {self.message}\n    {self.extract.strip()}"


def missing_tools() -> str:
    """Why the checker cannot run here, or "" when it can."""
    if shutil.which("java") is None:
        return "java is not installed (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR.relative_to(ROOT)} is missing (npm ci installs it from package-lock.json)"
    return ""


def check(documents: dict[str, str | bytes]) -> list[Finding]:
    """The errors the checker finds in each document ({name: markup}); warnings are left out. A name ending in .svg
    or .css is checked as SVG or CSS, any other as HTML."""
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        names = {}
        for index, (name, markup) in enumerate(documents.items()):
            suffix = Path(name).suffix if Path(name).suffix in (".svg", ".css") else ".html"
            path = Path(folder) / f"{index:04d}{suffix}"
            path.write_bytes(markup.encode() if isinstance(markup, str) else markup)
            names[str(path)] = name
        result = subprocess.run(
            [
                shutil.which("java"),
                "-Xss4m",  # deep documents (the long filter forms) need more than the default stack
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--errors-only",
                "--exit-zero-always",
                "--also-check-svg",
                "--also-check-css",
                *names,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
    findings = []
    for message in json.loads(result.stderr)["messages"]:
        path = message.get("url", "").removeprefix("file:")
        findings.append(
            Finding(
                document=names.get(path, path or "(the checker)"),
                line=message.get("lastLine"),
                message=message["message"],
                extract=message.get("extract", ""),
            )
        )
    return findings
