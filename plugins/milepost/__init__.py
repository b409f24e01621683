"""Milepost: marketing roadmaps as Markdown + YAML front matter, validated and published."""

__version__ = "0.1.0"
