"""The output does not depend on Python's hash seed: goals that share a title are offered by id."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
from types import SimpleNamespace as Campaign
from milepost.site.months import filter_options
campaigns = [Campaign(status="planned", owner=None, channels=[], goals=[f"g{n}" for n in range(8)])]
print(" ".join(filter_options(campaigns, {f"g{n}": "Cost per lead" for n in range(8)})["goal"]))
"""


def test_goals_sharing_a_title_are_offered_in_id_order_whatever_the_hash_seed():
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        offered = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True).stdout.split()
        assert offered == [f"g{n}" for n in range(8)], seed
