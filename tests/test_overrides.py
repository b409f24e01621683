"""A template in the theme's custom_dir under milepost/ wins over Milepost's own, and gets what Python computed."""

from __future__ import annotations

import os

from fixtures import DOCS
from sitekit import ROOT, build, make_site, page, write_tree


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


def _with_override(root, campaign_html: str):
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if "custom_dir" not in config:
        config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    write_tree(root, {"mkdocs.yml": config, "overrides/milepost/campaign.html": campaign_html})


def test_an_override_edited_between_builds_is_compiled_again(tmp_path):
    """Compiled templates are kept between builds (in the user's cache folder): an edited one is
    recompiled, not served from the cache."""
    root = make_site(tmp_path, DOCS)
    _with_override(root, '{% if part == "tail" %}<p class="mine">first</p>{% endif %}\n')
    assert build(root, "--strict").returncode == 0
    assert page(root, "q1/spring/").select_one("p.mine").get_text() == "first"
    _with_override(root, '{% if part == "tail" %}<p class="mine">second · {{ t("owner") }}</p>{% endif %}\n')
    assert build(root, "--strict").returncode == 0
    assert page(root, "q1/spring/").select_one("p.mine").get_text() == "second · Owner"


def test_compiled_templates_are_kept_per_language(tmp_path):
    """Constant labels are written into the compiled templates: a French build after an English
    one of the same templates must not show the English words."""
    english, french = make_site(tmp_path / "en", DOCS), make_site(tmp_path / "fr", DOCS, language="fr")
    assert build(english, "--strict").returncode == 0 and build(french, "--strict").returncode == 0
    heading = lambda root: page(root, "q1/spring/").select_one("#risks").get_text()
    assert (heading(english), heading(french)) == ("Risks", "Risques")


def test_a_cache_folder_that_cannot_be_written_costs_only_time(tmp_path):
    root = make_site(tmp_path / "site", DOCS)
    (tmp_path / "not-a-folder").write_text("a file where the cache folder would be")
    result = build(root, "--strict", env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "not-a-folder")})
    assert result.returncode == 0, result.stderr
    assert page(root, "q1/spring/").select_one("#kpis").get_text() == "KPIs"


def test_a_copy_of_macros_html_may_define_its_own_doc_link(tmp_path):
    """doc_link, period and status are drawn in Python and exported by macros.html; a custom copy
    of macros.html that defines a macro of that name is what every template then imports."""
    ours = (ROOT / "plugins/milepost/templates/milepost/macros.html").read_text(encoding="utf-8")
    mine = ours.replace("{% set doc_link = fragments.doc_link %}", '{% macro doc_link(d) %}<b class="mine">{{ d if d is string else d.id }}</b>{% endmacro %}')
    assert mine != ours
    root = make_site(tmp_path, DOCS)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    write_tree(root, {"mkdocs.yml": config, "overrides/milepost/macros.html": mine}, dedent=False)
    assert build(root, "--strict").returncode == 0
    spring = page(root, "q1/spring/")
    assert [b.get_text() for b in spring.select("dd b.mine")][:1] == ["q1"]  # its roadmap, in the facts
