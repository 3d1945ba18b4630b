"""After the load test: every application and inquiry the client was told was saved, looked up in the
database. Prints the counts as JSON."""

import json
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
django.setup()

from directory.models import Inquiry  # noqa: E402
from jobs.models import Application  # noqa: E402


def main(acked_file: Path) -> None:
    acked = json.loads(acked_file.read_text())
    result = {}
    for kind, model in (("applications", Application), ("inquiries", Inquiry)):
        ids = {item[0] for item in acked[kind]}
        found = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
        result[kind] = {"acknowledged": len(ids), "found": len(found), "lost": sorted(ids - found)}
    result["outage_503"] = acked.get("outage_503", 0)
    print(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
