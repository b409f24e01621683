"""Re-validation reuses what earlier runs parsed, and never a stale or damaged result."""

from __future__ import annotations

import os
import subprocess
import sys

from fixtures import DOCS
from sitekit import edit, write_tree

from milepost.core import cache, load
from milepost.core.validate import check


def test_unchanged_files_are_not_parsed_again(tmp_path, monkeypatch):
    write_tree(tmp_path, DOCS)
    monkeypatch.chdir(tmp_path)
    memo: dict = {}
    first = check(tmp_path, memo=memo)
    assert len(memo) == 7  # every Markdown file, ordinary pages included
    parsed = []
    real = load.read_document
    monkeypatch.setattr(load, "read_document", lambda data, source, *rest: parsed.append(source) or real(data, source, *rest))
    spring = tmp_path / "q1/spring.md"
    edit(spring, "progress: 40", "progress: 45")
    second = check(tmp_path, memo=memo)
    assert parsed == ["q1/spring.md"]
    assert second.site.by_id["spring"].progress == 45 and first.site.by_id["spring"].progress == 40
    assert len(memo) == 7  # the old entry of the edited file is gone


def validate(cwd, *args, ci=False):
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "milepost", "validate", *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_no_cache_is_written_on_ci_where_nothing_would_read_it(tmp_path):
    write_tree(tmp_path / "roadmaps", DOCS)
    assert validate(tmp_path, ci=True).returncode == 0
    assert not cache.location(tmp_path / "roadmaps").exists()


def test_cli_cache_is_kept_outside_the_repository_and_survives_damage(tmp_path):
    write_tree(tmp_path / "roadmaps", DOCS)
    assert validate(tmp_path).returncode == 0
    folder = cache.location(tmp_path / "roadmaps")
    shards = sorted(folder.glob("*.pickle"))
    assert shards and tmp_path not in folder.parents
    spring = tmp_path / "roadmaps/q1/spring.md"
    edit(spring, "roadmap: q1", "roadmap: q7")
    edited = validate(tmp_path)
    assert edited.returncode == 1 and "'roadmap' names 'q7', but no roadmap has that id" in edited.stdout
    for shard in folder.glob("*.pickle"):
        shard.write_bytes(b"\x80\x05not a pickle at all")
    damaged = validate(tmp_path)
    assert damaged.returncode == 1 and "'roadmap' names 'q7'" in damaged.stdout
    fresh = validate(tmp_path, "--no-cache")
    assert fresh.stdout == damaged.stdout
