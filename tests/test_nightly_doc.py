"""docs/nightly.md: the crontab line and the systemd units work as written (paths under
/srv/llzo-kg pointed at this checkout or a scratch install)."""

from __future__ import annotations

import getpass
import grp
import json
import os
import re
import subprocess
import time
from pathlib import Path

from graph.server import EmbeddedServer

REPO = Path(__file__).resolve().parents[1]
NIGHTLY = (REPO / "docs" / "nightly.md").read_text(encoding="utf-8")
DOCS = Path(__file__).resolve().parent / "data" / "ingest"


def _units() -> dict[str, str]:
    blocks = re.findall(r"`/etc/systemd/system/([\w.-]+)`:\n\n```ini\n(.*?)```", NIGHTLY, re.S)
    return dict(blocks)


def test_nightly_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    units = _units()
    assert sorted(units) == ["llzo-kg-ingest.service", "llzo-kg-ingest.timer"]
    user, group = getpass.getuser(), grp.getgrgid(os.getgid()).gr_name
    for name, text in units.items():
        text = text.replace("/srv/llzo-kg", str(REPO))
        text = text.replace("User=llzo", f"User={user}").replace("Group=llzo", f"Group={group}")
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / n) for n in sorted(units))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "ExecStart=/srv/llzo-kg/.venv/bin/llzo-kg ingest" in units["llzo-kg-ingest.service"]


def test_nightly_crontab_line_runs_as_cron_would(tmp_path: Path) -> None:
    (line,) = re.findall(r"```crontab\n(.*?)\n```", NIGHTLY, re.S)
    fields = line.split(None, 5)
    assert fields[:5] == ["15", "2", "*", "*", "*"]
    command = fields[5].replace("\\%", "%")  # what cron hands to /bin/sh
    root = tmp_path / "srv"
    (root / "corpus" / "documents").mkdir(parents=True)
    (root / "reports").mkdir()
    (root / ".venv").symlink_to(REPO / ".venv")
    for name in ("ga-llzo-sol-gel.txt", "ta-llzo-hot-press.txt"):
        (root / "corpus" / "documents" / name).write_bytes((DOCS / name).read_bytes())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "LLZO_KG_"))}
    try:
        result = subprocess.run(
            ["/bin/sh", "-c", command.replace("/srv/llzo-kg", str(root))],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        EmbeddedServer(root / ".llzo-kg").stop()
    assert result.returncode == 0, (root / "reports" / "ingest.log").read_text()
    report = root / "reports" / f"ingest-{time.strftime('%Y-%m-%d')}.json"
    data = json.loads(report.read_text())
    assert (data["status"], data["documents"]["new"]) == ("ok", 2)
    log = (root / "reports" / "ingest.log").read_text()
    assert "ingest ok: 2 documents seen, 2 new, 0 changed, 0 unchanged, 0 failed" in log
