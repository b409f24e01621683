"""A template in the theme's custom_dir under milepost/ wins over Milepost's own, and gets what Python computed."""

from __future__ import annotations

from fixtures import DOCS
from sitekit import build, make_site, page, write_tree


def test_a_custom_dir_template_wins_and_gets_the_computed_totals(tmp_path):
    root = make_site(tmp_path, DOCS)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    write_tree(root, {
        "mkdocs.yml": config,
        "overrides/milepost/roadmap.html": """\
            {% if part == "tail" %}<p class="mine">{{ doc.title }}: {% for total in totals if total.envelope %}{{ total.currency }} {{ fmt.money(total.amount, total.currency) }} of {{ fmt.money(total.envelope.amount, total.currency) }}{% endfor %}; {{ campaigns|length }} campaigns</p>{% endif %}
            """,
    })
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    roadmap = page(root, "q1/")
    assert roadmap.select_one("p.mine").get_text() == "Q1 growth: EUR €45,000 of €50,000; 3 campaigns"
    assert roadmap.select_one(".mp-budget") is None  # ours is not rendered at all
