"""``import_spacy`` leaves spaCy's command line out of a run that never uses it, and nothing
else changes: the pipeline works, ``spacy.info`` works, ``import spacy.cli`` is the real one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def run_on_abstract(code: str) -> subprocess.CompletedProcess[str]:
    """``code`` run in a fresh interpreter with the 2,000-character abstract as its argument;
    it must succeed."""
    done = subprocess.run(
        [sys.executable, "-c", code, str(DATA / "scale" / "abstract-2000.txt")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done


CHECK = """
import json, sys
from llzo_kg.startup import import_spacy
spacy = import_spacy()
assert import_spacy() is spacy
from miner.extract import extract_paths
facts = [f for _, found, _ in extract_paths([sys.argv[1]]) for f in found]
cli_free = [m for m in ("spacy.cli", "typer", "weasel", "httpx", "requests") if m in sys.modules]
info = sorted(spacy.info())[:2]
import spacy.cli
print(json.dumps({"facts": len(facts), "loaded": cli_free, "info": info,
                  "real_cli": hasattr(spacy.cli, "download")}))
"""


def test_import_spacy_leaves_spacys_cli_out_until_asked_for() -> None:
    done = run_on_abstract(CHECK)
    result = json.loads(done.stdout)
    assert result["facts"] > 10
    assert result["loaded"] == []
    assert result["info"] == ["location", "pipelines"]
    assert result["real_cli"] is True


def test_cli_extract_does_not_import_spacys_cli_or_the_graph_stack() -> None:
    code = (
        "import atexit, sys\n"
        "names = ('spacy.cli', 'typer', 'redis', 'falkordb', 'neo4j', 'rdflib', 'matplotlib',"
        " 'networkx')\n"
        "atexit.register(lambda: print('loaded:', [m for m in names if m in sys.modules]))\n"
        "from llzo_kg.cli import main\n"
        "sys.argv = ['llzo-kg', 'extract', sys.argv[1]]\n"
        "main()\n"
    )
    done = run_on_abstract(code)
    assert done.stdout.splitlines()[-1] == "loaded: []"


def test_query_imports_no_miner_corpus_or_chemistry_stack() -> None:
    """``llzo-kg query`` pays for the CLI, the database client and the runner only: the CLI
    module imports no command's modules at import time (the ingest module once cost every command
    ~0.45 s through the corpus readers' element table: pymatgen and numpy)."""
    code = (
        "import sys\n"
        "from llzo_kg.cli import cli\n"
        "import graph.backend, queries.runner\n"
        "names = ('spacy', 'pint', 'pymatgen', 'numpy', 'miner', 'corpus.reading',"
        " 'llzo_kg.ingest')\n"
        "print([m for m in names if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


EARLY = """
import json, sys
from multiprocessing import forkserver
from llzo_kg.startup import start_fork_server
start_fork_server()
early = forkserver._forkserver._forkserver_pid
from llzo_kg.parallel import extract_files
facts = [f for _, found, _ in extract_files([sys.argv[1]]) for f in found]
print(json.dumps({"same": forkserver._forkserver._forkserver_pid == early, "facts": len(facts),
                  "started": early is not None}))
"""


def test_start_fork_server_is_the_one_the_extract_pool_uses() -> None:
    """``llzo-kg extract`` starts the fork server before importing the pool, so that it loads the
    miner meanwhile; the pool then forks its worker from that server, not from a second one."""
    done = run_on_abstract(EARLY)
    result = json.loads(done.stdout)
    assert (result["started"], result["same"]) == (True, True)
    assert result["facts"] > 10
