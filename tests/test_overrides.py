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


def test_an_override_with_its_own_t_keeps_it(tmp_path):
    """Labels written as constants are looked up once, as templates are compiled; a template that
    names something `t` itself gets its own `t`, not the labels."""
    root = make_site(tmp_path, DOCS)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    write_tree(root, {
        "mkdocs.yml": config,
        "overrides/milepost/roadmap.html": """\
            {% macro t(key) %}[{{ key }}]{% endmacro %}
            {% if part == "tail" %}<p class="mine">{{ t("owner") }}</p>{% endif %}
            """,
        "overrides/milepost/campaign.html": """\
            {% if part == "tail" %}<p class="mine">{{ t("owner") }} · {{ t("days", n=3) }}</p>{% endif %}
            """,
    })
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert page(root, "q1/").select_one("p.mine").get_text() == "[owner]"
    assert page(root, "q1/spring/").select_one("p.mine").get_text() == "Owner · 3 days"
