"""The published site: rendering, timelines, insights, labels, exports, stale pages."""
